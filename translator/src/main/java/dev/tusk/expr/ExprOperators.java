package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.AlphabeticalTable;
import java.util.Map;
import java.util.Set;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The expression operators of MongoDB 7.0, one alphabetical line each. Known operators Tusk does
 * not implement answer 238 NotImplemented; anything else is 168 InvalidPipelineOperator.
 */
public final class ExprOperators {

    /** Parses one operator's argument (the value of {@code {$op: <arg>}}). */
    @FunctionalInterface
    interface OperatorParser {
        Expr parse(String name, BsonValue arg, ParseContext cx);
    }

    private static final Map<String, OperatorParser> TABLE = AlphabeticalTable.of("expression operator",
            entry("$abs", ArithmeticOps::abs),
            entry("$acos", TrigOps::acos),
            entry("$acosh", TrigOps::acosh),
            entry("$add", ArithmeticOps::add),
            entry("$allElementsTrue", SetOps::allElementsTrue),
            entry("$and", BooleanOps::and),
            entry("$anyElementTrue", SetOps::anyElementTrue),
            entry("$arrayElemAt", ArrayOps::arrayElemAt),
            entry("$arrayToObject", ArrayOps::arrayToObject),
            entry("$asin", TrigOps::asin),
            entry("$asinh", TrigOps::asinh),
            entry("$atan", TrigOps::atan),
            entry("$atan2", TrigOps::atan2),
            entry("$atanh", TrigOps::atanh),
            entry("$avg", AccumulatorOps::avg),
            entry("$binarySize", ObjectOps::binarySize),
            entry("$bitAnd", MiscOps::bitAnd),
            entry("$bitNot", MiscOps::bitNot),
            entry("$bitOr", MiscOps::bitOr),
            entry("$bitXor", MiscOps::bitXor),
            entry("$bsonSize", ObjectOps::bsonSize),
            entry("$ceil", ArithmeticOps::ceil),
            entry("$cmp", ComparisonOps::cmp),
            entry("$concat", StringOps::concat),
            entry("$concatArrays", ArrayOps::concatArrays),
            entry("$cond", ConditionalOps::cond),
            entry("$convert", TypeOps::convert),
            entry("$cos", TrigOps::cos),
            entry("$cosh", TrigOps::cosh),
            entry("$dateAdd", DateMathOps::dateAdd),
            entry("$dateDiff", DateMathOps::dateDiff),
            entry("$dateFromParts", DateOps::dateFromParts),
            entry("$dateFromString", DateOps::dateFromString),
            entry("$dateSubtract", DateMathOps::dateSubtract),
            entry("$dateToParts", DateOps::dateToParts),
            entry("$dateToString", DateOps::dateToString),
            entry("$dateTrunc", DateMathOps::dateTrunc),
            entry("$dayOfMonth", DateOps::part),
            entry("$dayOfWeek", DateOps::part),
            entry("$dayOfYear", DateOps::part),
            entry("$degreesToRadians", TrigOps::degreesToRadians),
            entry("$divide", ArithmeticOps::divide),
            entry("$eq", ComparisonOps::eq),
            entry("$exp", PowerOps::exp),
            entry("$filter", ArrayIterOps::filter),
            entry("$first", ArrayOps::first),
            entry("$firstN", ArrayIterOps::firstN),
            entry("$floor", ArithmeticOps::floor),
            entry("$getField", ObjectOps::getField),
            entry("$gt", ComparisonOps::gt),
            entry("$gte", ComparisonOps::gte),
            entry("$hour", DateOps::part),
            entry("$ifNull", ConditionalOps::ifNull),
            entry("$in", ArrayOps::in),
            entry("$indexOfArray", ArrayOps::indexOfArray),
            entry("$indexOfBytes", StringOps::indexOfBytes),
            entry("$indexOfCP", StringOps::indexOfCP),
            entry("$isArray", ArrayOps::isArray),
            entry("$isNumber", TypeOps::isNumber),
            entry("$isoDayOfWeek", DateOps::part),
            entry("$isoWeek", DateOps::part),
            entry("$isoWeekYear", DateOps::part),
            entry("$last", ArrayOps::last),
            entry("$lastN", ArrayIterOps::lastN),
            entry("$let", ConditionalOps::let),
            entry("$literal", ConditionalOps::literal),
            entry("$ln", PowerOps::ln),
            entry("$log", PowerOps::log),
            entry("$log10", PowerOps::log10),
            entry("$lt", ComparisonOps::lt),
            entry("$lte", ComparisonOps::lte),
            entry("$ltrim", TextOps::ltrim),
            entry("$map", ArrayIterOps::map),
            entry("$max", AccumulatorOps::max),
            entry("$maxN", ArrayIterOps::maxN),
            entry("$median", QuantileOps::median),
            entry("$mergeObjects", ObjectOps::mergeObjects),
            entry("$meta", MiscOps::meta),
            entry("$millisecond", DateOps::part),
            entry("$min", AccumulatorOps::min),
            entry("$minN", ArrayIterOps::minN),
            entry("$minute", DateOps::part),
            entry("$mod", ArithmeticOps::mod),
            entry("$month", DateOps::part),
            entry("$multiply", ArithmeticOps::multiply),
            entry("$ne", ComparisonOps::ne),
            entry("$not", BooleanOps::not),
            entry("$objectToArray", ArrayOps::objectToArray),
            entry("$or", BooleanOps::or),
            entry("$percentile", QuantileOps::percentile),
            entry("$pow", PowerOps::pow),
            entry("$radiansToDegrees", TrigOps::radiansToDegrees),
            entry("$rand", MiscOps::rand),
            entry("$range", ArrayOps::range),
            entry("$reduce", ArrayIterOps::reduce),
            entry("$regexFind", TextOps::regexFind),
            entry("$regexFindAll", TextOps::regexFindAll),
            entry("$regexMatch", TextOps::regexMatch),
            entry("$replaceAll", TextOps::replaceAll),
            entry("$replaceOne", TextOps::replaceOne),
            entry("$reverseArray", ArrayOps::reverseArray),
            entry("$round", PowerOps::round),
            entry("$rtrim", TextOps::rtrim),
            entry("$second", DateOps::part),
            entry("$setDifference", SetOps::setDifference),
            entry("$setEquals", SetOps::setEquals),
            entry("$setField", ObjectOps::setField),
            entry("$setIntersection", SetOps::setIntersection),
            entry("$setIsSubset", SetOps::setIsSubset),
            entry("$setUnion", SetOps::setUnion),
            entry("$sin", TrigOps::sin),
            entry("$sinh", TrigOps::sinh),
            entry("$size", ArrayOps::size),
            entry("$slice", ArrayOps::slice),
            entry("$sortArray", ArrayIterOps::sortArray),
            entry("$split", StringOps::split),
            entry("$sqrt", PowerOps::sqrt),
            entry("$stdDevPop", AccumulatorOps::stdDevPop),
            entry("$stdDevSamp", AccumulatorOps::stdDevSamp),
            entry("$strLenBytes", StringOps::strLenBytes),
            entry("$strLenCP", StringOps::strLenCP),
            entry("$strcasecmp", StringOps::strcasecmp),
            entry("$substr", StringOps::substrBytes),
            entry("$substrBytes", StringOps::substrBytes),
            entry("$substrCP", StringOps::substrCP),
            entry("$subtract", ArithmeticOps::subtract),
            entry("$sum", AccumulatorOps::sum),
            entry("$switch", ConditionalOps::switchOp),
            entry("$tan", TrigOps::tan),
            entry("$tanh", TrigOps::tanh),
            entry("$toBool", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.BOOLEAN)),
            entry("$toDate", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.DATE_TIME)),
            entry("$toDecimal", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.DECIMAL128)),
            entry("$toDouble", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.DOUBLE)),
            entry("$toInt", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.INT32)),
            entry("$toLong", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.INT64)),
            entry("$toLower", StringOps::toLower),
            entry("$toObjectId", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.OBJECT_ID)),
            entry("$toString", (n, a, cx) -> TypeOps.shorthand(n, a, cx, BsonType.STRING)),
            entry("$toUpper", StringOps::toUpper),
            entry("$trim", TextOps::trim),
            entry("$trunc", PowerOps::trunc),
            entry("$tsIncrement", MiscOps::tsIncrement),
            entry("$tsSecond", MiscOps::tsSecond),
            entry("$type", TypeOps::type),
            entry("$unsetField", ObjectOps::unsetField),
            entry("$week", DateOps::part),
            entry("$year", DateOps::part),
            entry("$zip", ArrayIterOps::zip));

    /** Expression operators of MongoDB 7.0 that Tusk does not implement (yet). */
    static final Set<String> NOT_IMPLEMENTED = Set.of("$accumulator", "$function",
            "$sampleRate", "$toHashedIndexKey");

    private ExprOperators() {}

    /** The implemented operator names, for the coverage test against the manual's list. */
    public static Set<String> names() {
        return TABLE.keySet();
    }

    public static Set<String> notImplemented() {
        return NOT_IMPLEMENTED;
    }

    static Expr parse(String name, BsonValue arg, ParseContext cx) {
        OperatorParser parser = TABLE.get(name);
        if (parser != null) {
            return parser.parse(name, arg, cx);
        }
        if (NOT_IMPLEMENTED.contains(name)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("expression operator %s is not supported by Tusk yet", name);
        }
        throw ErrorCode.INVALID_PIPELINE_OPERATOR.error("Unrecognized expression '%s'", name);
    }

    private static Map.Entry<String, OperatorParser> entry(String name, OperatorParser parser) {
        return Map.entry(name, parser);
    }

}
