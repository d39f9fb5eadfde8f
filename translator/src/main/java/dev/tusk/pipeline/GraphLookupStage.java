package dev.tusk.pipeline;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.FilterParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $graphLookup: a breadth-first search of another collection from the startWith values; each level
 * is one query {connectToField: {$in: frontier}} (plus restrictSearchWithMatch), so the foreign
 * collection's indexes serve it, and the next frontier is the connectFromField values of the
 * documents found for the first time (by _id), which makes cycles end. maxDepth 0 is the first
 * level only; depthField gets each document's level as a long.
 */
public record GraphLookupStage(String from, Expr startWith, FieldPath connectFromField, String connectToField, String as,
        Optional<Long> maxDepth, Optional<String> depthField, Optional<BsonDocument> restrictSearchWithMatch,
        Variables variables, CollectionReader reader) implements Stage {

    static GraphLookupStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("the $graphLookup stage specification must be an object, but found "
                    + BsonText.typeName(spec));
        }
        Expr startWith = null;
        Optional<Long> maxDepth = Optional.empty();
        Optional<BsonDocument> restrict = Optional.empty();
        String from = "";
        String as = "";
        String connectFrom = "";
        String connectTo = "";
        Optional<String> depthField = Optional.empty();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            switch (name) {
                case "startWith" -> startWith = ExprParser.parse(v, cx);
                case "maxDepth" -> maxDepth = Optional.of(maxDepth(v));
                case "restrictSearchWithMatch" -> restrict = Optional.of(restriction(v, cx));
                case "from", "as", "connectFromField", "connectToField", "depthField" -> {
                    if (!v.isString()) {
                        throw ErrorCode.LOCATION_40103.error("expected string as argument for %s, found: %s", name, BsonText.typeName(v));
                    }
                    String s = v.asString().getValue();
                    switch (name) {
                        case "from" -> from = s;
                        case "as" -> as = s;
                        case "connectFromField" -> connectFrom = s;
                        case "connectToField" -> connectTo = s;
                        default -> depthField = Optional.of(s);
                    }
                }
                default -> throw ErrorCode.LOCATION_40104.error("Unknown argument to $graphLookup: " + name);
            }
        }
        if (from.isEmpty() || as.isEmpty() || startWith == null || connectFrom.isEmpty() || connectTo.isEmpty()) {
            throw ErrorCode.LOCATION_40105.error("$graphLookup requires 'from', 'as', 'startWith', 'connectFromField', "
                    + "and 'connectToField' to be specified.");
        }
        StagePaths.validate(as);
        StagePaths.validate(connectTo);
        depthField.ifPresent(StagePaths::validate);
        return new GraphLookupStage(from, startWith, StagePaths.validate(connectFrom), connectTo, as, maxDepth, depthField,
                restrict, cx.variables(), CollectionReader.NONE);
    }

    private static long maxDepth(BsonValue v) {
        if (!v.isNumber() && !v.isDecimal128()) {
            throw ErrorCode.LOCATION_40100.error("maxDepth must be numeric, found type: " + BsonText.typeName(v));
        }
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        long n = v.isInt64() ? v.asInt64().getValue() : (long) d;
        if (n < 0) {
            throw ErrorCode.LOCATION_40101.error("maxDepth requires a nonnegative argument, found: " + n);
        }
        if (!v.isInt64() && n != d) {
            throw ErrorCode.LOCATION_40102.error("maxDepth could not be represented as a long long: " + n);
        }
        return n;
    }

    private static BsonDocument restriction(BsonValue v, ParseContext cx) {
        if (!v.isDocument()) {
            throw ErrorCode.LOCATION_40185.error("restrictSearchWithMatch must be an object, found " + BsonText.typeName(v));
        }
        try {
            FilterParser.parse(v.asDocument(), cx.variables());
        } catch (MongoServerException e) {
            throw e.code().error("Failed to parse 'restrictSearchWithMatch' option to $graphLookup :: caused by :: " + e.getMessage());
        }
        return v.asDocument();
    }

    @Override
    public Stage bind(CollectionReader reader) {
        return new GraphLookupStage(from, startWith, connectFromField, connectToField, as, maxDepth, depthField,
                restrictSearchWithMatch, variables, reader);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, doc -> {
            BsonDocument out = BsonCopy.document(doc);
            StagePaths.set(out, as, new BsonArray(search(doc)));
            return out;
        });
    }

    private List<BsonValue> search(BsonDocument doc) {
        TreeSet<BsonValue> frontier = new TreeSet<>(BsonOrder.COMPARATOR);
        BsonValue start = startWith.evaluate(EvalContext.of(doc, variables));
        if (start != null && start.isArray()) {
            frontier.addAll(start.asArray());
        } else if (start != null) {
            frontier.add(start);
        }
        TreeSet<BsonValue> queried = new TreeSet<>(BsonOrder.COMPARATOR);
        TreeMap<BsonValue, BsonDocument> visited = new TreeMap<>(BsonOrder.COMPARATOR);
        List<BsonValue> found = new ArrayList<>();
        long bytes = 0;
        for (long depth = 0; !frontier.isEmpty() && (maxDepth.isEmpty() || depth <= maxDepth.get()); depth++) {
            queried.addAll(frontier);
            TreeSet<BsonValue> next = new TreeSet<>(BsonOrder.COMPARATOR);
            Iterator<BsonDocument> matches = reader.read(from, FilterParser.parse(levelFilter(frontier), variables));
            while (matches.hasNext()) {
                BsonDocument match = matches.next();
                BsonValue id = match.get("_id");
                if (id == null) {
                    throw ErrorCode.LOCATION_40271.error("Documents in the '%s' namespace must contain an _id for de-duplication in "
                            + "$graphLookup", from);
                }
                if (visited.containsKey(id)) {
                    continue;
                }
                if (depthField.isPresent()) {
                    match = BsonCopy.document(match);
                    StagePaths.set(match, depthField.get(), new BsonInt64(depth));
                }
                visited.put(id, match);
                found.add(match);
                bytes += MemoryLimit.sizeOf(match);
                if (bytes > MemoryLimit.BYTES) {
                    throw ErrorCode.LOCATION_40099.error("$graphLookup reached maximum memory consumption");
                }
                connectFromValues(match, 0, next);
            }
            next.removeAll(queried);
            frontier = next;
        }
        return found;
    }

    /**
     * {$and: [restrictSearchWithMatch, {connectToField: {$in: frontier}}]}; when null is sought, the
     * field must also exist and not be undefined, since $in: [null] matches those too.
     */
    private BsonDocument levelFilter(TreeSet<BsonValue> frontier) {
        BsonArray and = new BsonArray();
        restrictSearchWithMatch.ifPresent(and::add);
        and.add(new BsonDocument(connectToField, new BsonDocument("$in", new BsonArray(new ArrayList<>(frontier)))));
        if (frontier.stream().anyMatch(BsonValue::isNull)) {
            and.add(new BsonDocument(connectToField, new BsonDocument("$exists", org.bson.BsonBoolean.TRUE)));
            and.add(new BsonDocument(connectToField, new BsonDocument("$not",
                    new BsonDocument("$type", new BsonString("undefined")))));
        }
        return new BsonDocument("$and", and);
    }

    /** Every value connectFromField reaches in v: through arrays of documents, and each element of an array at the end. */
    private void connectFromValues(BsonValue v, int i, TreeSet<BsonValue> out) {
        if (i == connectFromField.size()) {
            if (v.isArray()) {
                out.addAll(v.asArray());
            } else {
                out.add(v);
            }
        } else if (v.isDocument()) {
            BsonValue child = v.asDocument().get(connectFromField.get(i));
            if (child != null) {
                connectFromValues(child, i + 1, out);
            }
        } else if (v.isArray()) {
            for (BsonValue element : v.asArray()) {
                if (element.isDocument()) {
                    connectFromValues(element, i, out);
                }
            }
        }
    }
}
