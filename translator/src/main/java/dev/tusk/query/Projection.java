package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed find projection: inclusion ({@code {a: 1, "b.c": 1}}) or exclusion ({@code {a: 0}}),
 * {@code _id} included unless {@code _id: 0}. Dotted paths go through arrays of documents.
 * Values that are neither booleans nor numbers (expressions, literals, nested specs) make it an
 * {@link ExprProjection}. The array operators {@code $slice}, {@code $elemMatch} and positional
 * {@code $} are applied afterwards ({@link ArrayProjections}); {@code $meta} is not implemented (238).
 */
public final class Projection {
    /** A tree of projected paths: a node with no children is a projected leaf. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();

        boolean isLeaf() {
            return children.isEmpty();
        }
    }

    private static final Projection IDENTITY = new Projection(new Node(), false, true);
    private static final java.util.Set<String> FIND_OPERATORS = java.util.Set.of("$slice", "$elemMatch", "$meta");

    private final Node root;
    private final boolean inclusion;
    private final boolean includeId;
    private final ExprProjection computed;
    private ArrayProjections arrays = new ArrayProjections();
    private Map<String, dev.tusk.expr.Expr> metas = Map.of();

    private Projection(Node root, boolean inclusion, boolean includeId) {
        this(root, inclusion, includeId, null);
    }

    private Projection(Node root, boolean inclusion, boolean includeId, ExprProjection computed) {
        this.root = root;
        this.inclusion = inclusion;
        this.includeId = includeId;
        this.computed = computed;
    }

    public static Projection parse(BsonDocument projection) {
        return parse(projection, dev.tusk.expr.Variables.defaults());
    }

    /** Parses a find projection; expressions in it may use the command's variables. */
    public static Projection parse(BsonDocument projection, dev.tusk.expr.Variables variables) {
        ArrayProjections arrays = new ArrayProjections();
        BsonDocument rest = arrays.extract(projection);
        Map<String, dev.tusk.expr.Expr> metas = new java.util.LinkedHashMap<>();
        if (!hasExpressions(rest)) { // beside expressions, $meta is one more expression
            rest = extractMeta(rest, variables, metas);
        }
        Projection base = parseBase(rest, variables);
        if (arrays.isEmpty() && metas.isEmpty()) {
            return base;
        }
        Projection withArrays = new Projection(base.root, base.inclusion, base.includeId, base.computed);
        withArrays.arrays = arrays;
        withArrays.metas = metas;
        return withArrays;
    }

    /**
     * Moves the {@code {field: {$meta: ...}}} entries out of a projection of inclusions or exclusions:
     * they add their field to whatever the rest keeps (all fields when the rest is empty).
     */
    private static BsonDocument extractMeta(BsonDocument projection, dev.tusk.expr.Variables variables,
            Map<String, dev.tusk.expr.Expr> metas) {
        BsonDocument rest = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : projection.entrySet()) {
            BsonValue v = e.getValue();
            if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().equals("$meta")) {
                if (e.getKey().contains(".")) {
                    throw ErrorCode.NOT_IMPLEMENTED.error("$meta projection of a dotted field is not supported by Tusk yet");
                }
                metas.put(e.getKey(), dev.tusk.expr.ExprParser.parse(v, dev.tusk.expr.ParseContext.of(variables)));
            } else {
                rest.append(e.getKey(), v);
            }
        }
        return rest;
    }

    private static Projection parseBase(BsonDocument projection, dev.tusk.expr.Variables variables) {
        if (hasExpressions(projection)) {
            return new Projection(new Node(), true, true,
                    ExprProjection.parseProject(projection, dev.tusk.expr.ParseContext.of(variables), ""));
        }
        Node root = new Node();
        Boolean inclusion = null;
        boolean includeId = true;
        boolean idSeen = false;
        for (Map.Entry<String, BsonValue> e : projection.entrySet()) {
            String name = e.getKey();
            boolean include = includes(name, e.getValue());
            if (name.equals("_id")) {
                includeId = include;
                idSeen = true;
                continue;
            }
            if (inclusion == null) {
                inclusion = include;
            } else if (inclusion != include) {
                throw include
                        ? ErrorCode.PROJECTION_MIXES_EXCLUSION.error("Cannot do inclusion on field " + name + " in exclusion projection")
                        : ErrorCode.PROJECTION_MIXES_INCLUSION.error("Cannot do exclusion on field " + name + " in inclusion projection");
            }
            add(root, name);
        }
        if (inclusion == null) {
            // only _id (or nothing): {_id: 0} excludes it, {_id: 1} keeps only it
            return idSeen ? new Projection(root, includeId, includeId) : IDENTITY;
        }
        return new Projection(root, inclusion, includeId);
    }

    /** True if some value computes (not a boolean/number, not a find projection operator). */
    private static boolean hasExpressions(BsonDocument projection) {
        for (java.util.Map.Entry<String, BsonValue> e : projection.entrySet()) {
            BsonValue v = e.getValue();
            if (v.isBoolean() || v.isNumber() || v.isDecimal128() || e.getKey().startsWith("$") || e.getKey().contains(".$")) {
                continue;
            }
            if (v.isDocument() && !v.asDocument().isEmpty() && FIND_OPERATORS.contains(v.asDocument().getFirstKey())) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean includes(String name, BsonValue v) {
        if (name.endsWith(".$") || name.contains(".$.") || name.startsWith("$")) {
            throw ErrorCode.NOT_IMPLEMENTED.error("positional projection is not implemented yet");
        }
        return switch (v.getBsonType()) {
            case BOOLEAN -> v.asBoolean().getValue();
            case INT32, INT64, DOUBLE, DECIMAL128 -> ElementOps.isTruthy(v);
            default -> throw ErrorCode.NOT_IMPLEMENTED.error("projection of " + name + " with "
                    + (v.isDocument() && !v.asDocument().isEmpty() ? v.asDocument().getFirstKey() : "an expression")
                    + " is not implemented yet");
        };
    }

    private static void add(Node root, String dotted) {
        FieldPath path = FieldPath.parse(dotted);
        if (path.hasEmptyComponent()) {
            throw ErrorCode.BAD_VALUE.error("FieldPath field names may not be empty strings.");
        }
        Node node = root;
        for (int i = 0; i < path.size(); i++) {
            Node child = node.children.get(path.get(i));
            if (child == null) {
                child = new Node();
                node.children.put(path.get(i), child);
                for (int j = i + 1; j < path.size(); j++) {
                    Node next = new Node();
                    child.children.put(path.get(j), next);
                    child = next;
                }
                return;
            }
            if (child.isLeaf() && i < path.size() - 1) {
                throw ErrorCode.LOCATION_31249.error("Path collision at " + dotted + " remaining portion "
                        + path.suffix(i + 1).dotted());
            }
            node = child;
        }
        throw ErrorCode.LOCATION_31250.error("Path collision at " + dotted);
    }

    public boolean isIdentity() {
        return this == IDENTITY;
    }

    /** Projects a document that matched {@code query} (the positional {@code $} needs it). */
    public BsonDocument apply(BsonDocument doc, java.util.Optional<FilterNode> query) {
        BsonDocument base = applyBase(doc);
        BsonDocument out = arrays.isEmpty() ? base : arrays.apply(base, doc, query);
        if (metas.isEmpty()) {
            return out;
        }
        if (out == doc) {
            out = new BsonDocument();
            out.putAll(doc);
        }
        dev.tusk.expr.EvalContext cx = dev.tusk.expr.EvalContext.of(doc);
        for (Map.Entry<String, dev.tusk.expr.Expr> m : metas.entrySet()) {
            BsonValue v = m.getValue().evaluate(cx);
            if (v != null) {
                out.put(m.getKey(), v);
            }
        }
        return out;
    }

    public BsonDocument apply(BsonDocument doc) {
        return apply(doc, java.util.Optional.empty());
    }

    private BsonDocument applyBase(BsonDocument doc) {
        if (root.children.isEmpty() && computed == null && inclusion == false && includeId) {
            return doc;
        }
        if (isIdentity()) {
            return doc;
        }
        if (computed != null) {
            return computed.apply(doc);
        }
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            String name = e.getKey();
            BsonValue value = e.getValue();
            if (name.equals("_id") && !root.children.containsKey("_id")) {
                if (includeId) {
                    out.put(name, value);
                }
                continue;
            }
            Node node = root.children.get(name);
            project(out, name, value, node);
        }
        return out;
    }

    private void project(BsonDocument out, String name, BsonValue value, Node node) {
        if (node == null) {
            if (!inclusion) {
                out.put(name, value);
            }
            return;
        }
        if (node.isLeaf()) {
            if (inclusion) {
                out.put(name, value);
            }
            return;
        }
        projectNested(value, node).ifPresent(v -> out.put(name, v));
    }

    private java.util.Optional<BsonValue> projectNested(BsonValue value, Node node) {
        if (value instanceof BsonDocument sub) {
            BsonDocument out = new BsonDocument();
            for (Map.Entry<String, BsonValue> e : sub.entrySet()) {
                project(out, e.getKey(), e.getValue(), node.children.get(e.getKey()));
            }
            return java.util.Optional.of(out);
        }
        if (value instanceof BsonArray array) {
            BsonArray out = new BsonArray();
            for (BsonValue element : array) {
                if (element instanceof BsonDocument || element instanceof BsonArray) {
                    projectNested(element, node).ifPresent(out::add);
                } else if (!inclusion) {
                    out.add(element);
                }
            }
            return java.util.Optional.of(out);
        }
        return inclusion ? java.util.Optional.empty() : java.util.Optional.of(value);
    }
}
