package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonValue;

/**
 * The query operator tables of MongoDB 7.0, one alphabetical line per operator. Operators known but
 * not implemented yet answer 238 NotImplemented; anything else is an unknown operator (2 BadValue).
 */
public final class QueryOperators {

    /** Parses the argument of a field-level operator ({@code {path: {$op: arg}}}). */
    @FunctionalInterface
    interface FieldOperator {
        FilterNode parse(FieldPath path, BsonValue arg);
    }

    /** Parses the argument of a top-level operator ({@code {$op: arg}}); empty for {@code $comment}. */
    @FunctionalInterface
    interface TopLevelOperator {
        Optional<FilterNode> parse(BsonValue arg);
    }

    private static final Map<String, FieldOperator> FIELD = AlphabeticalTable.of("operator",
            entry("$all", ArrayOps::all),
            entry("$bitsAllClear", BitOps::allClear),
            entry("$bitsAllSet", BitOps::allSet),
            entry("$bitsAnyClear", BitOps::anyClear),
            entry("$bitsAnySet", BitOps::anySet),
            entry("$elemMatch", ArrayOps::elemMatch),
            entry("$eq", ComparisonOps::eq),
            entry("$exists", ElementOps::exists),
            entry("$geoIntersects", GeoOps::geoIntersects),
            entry("$geoWithin", (path, arg) -> GeoOps.geoWithin("$geoWithin", path, arg)),
            entry("$gt", ComparisonOps::gt),
            entry("$gte", ComparisonOps::gte),
            entry("$in", ComparisonOps::in),
            entry("$lt", ComparisonOps::lt),
            entry("$lte", ComparisonOps::lte),
            entry("$mod", EvaluationOps::mod),
            entry("$ne", ComparisonOps::ne),
            entry("$nin", ComparisonOps::nin),
            entry("$not", LogicalOps::not),
            entry("$size", ArrayOps::size),
            entry("$type", ElementOps::type),
            entry("$within", (path, arg) -> GeoOps.geoWithin("$within", path, arg)));

    /** Field-level operators of MongoDB 7.0 that Tusk does not implement yet. */
    static final Set<String> FIELD_NOT_IMPLEMENTED = Set.of();

    private static final Map<String, TopLevelOperator> TOP_LEVEL = AlphabeticalTable.of("operator",
            entry("$alwaysFalse", arg -> Optional.of(LogicalOps.alwaysBoolean("$alwaysFalse", arg, false))),
            entry("$alwaysTrue", arg -> Optional.of(LogicalOps.alwaysBoolean("$alwaysTrue", arg, true))),
            entry("$and", arg -> Optional.of(LogicalOps.and(arg))),
            entry("$comment", arg -> Optional.empty()),
            entry("$expr", arg -> Optional.of(exprMatch(arg))),
            entry("$jsonSchema", arg -> Optional.of(new FilterNode.SchemaMatch(JsonSchema.parse(arg)))),
            entry("$nor", arg -> Optional.of(LogicalOps.nor(arg))),
            entry("$or", arg -> Optional.of(LogicalOps.or(arg))),
            entry("$sampleRate", arg -> Optional.of(EvaluationOps.sampleRate(arg))),
            entry("$text", arg -> Optional.of(new FilterNode.Text(dev.tusk.text.TextSearch.parse(arg), Optional.empty()))));

    /** Top-level operators of MongoDB 7.0 that Tusk does not implement yet. */
    static final Set<String> TOP_LEVEL_NOT_IMPLEMENTED = Set.of("$where");

    private QueryOperators() {}

    /** The names in the field-level table, for the coverage test against the manual's list. */
    static Set<String> fieldOperatorNames() {
        return FIELD.keySet();
    }

    static Set<String> topLevelOperatorNames() {
        return TOP_LEVEL.keySet();
    }

    static FilterNode parseFieldOperator(String name, FieldPath path, BsonValue arg) {
        FieldOperator op = FIELD.get(name);
        if (op != null) {
            return op.parse(path, arg);
        }
        if (FIELD_NOT_IMPLEMENTED.contains(name)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("query operator " + name + " is not implemented yet");
        }
        if (GeoOps.NEAR_PARTS.contains(name)) { // $near and its distances are parsed together (FilterParser)
            throw ErrorCode.BAD_VALUE.error("%s must be used with $near or $nearSphere", name);
        }
        if (name.equals("$where")) {
            throw ErrorCode.BAD_VALUE.error("$where cannot be applied to a field");
        }
        throw ErrorCode.BAD_VALUE.error("unknown operator: " + name);
    }

    static Optional<FilterNode> parseTopLevel(String name, BsonValue arg) {
        TopLevelOperator op = TOP_LEVEL.get(name);
        if (op != null) {
            return op.parse(arg);
        }
        if (TOP_LEVEL_NOT_IMPLEMENTED.contains(name)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("query operator " + name + " is not implemented yet");
        }
        throw ErrorCode.BAD_VALUE.error("unknown top level operator: " + name
                + ". If you have a field name that starts with a '$' symbol, consider using $getField or $setField.");
    }

    /** {@code $expr}: any aggregation expression, parsed with the command's variables. */
    private static FilterNode exprMatch(BsonValue arg) {
        dev.tusk.expr.Variables vars = FilterParser.variables();
        return ExprEqualities.withImplied(
                new FilterNode.ExprMatch(dev.tusk.expr.ExprParser.parse(arg, dev.tusk.expr.ParseContext.of(vars)), vars));
    }

    static FilterNode regex(FieldPath path, String pattern, String options) {
        return EvaluationOps.regex(path, pattern, options);
    }

    private static <T> Map.Entry<String, T> entry(String name, T op) {
        return Map.entry(name, op);
    }

}
