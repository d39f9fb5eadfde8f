package dev.tusk.query;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprEvaluator;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The projection language with expressions, shared by aggregation $project, $addFields/$set,
 * $unset and find projections that compute fields. A tree of paths, each included, excluded,
 * computed by an expression (evaluated against the whole document) or nested.
 * <ul>
 *   <li>inclusion: included fields in document order, then computed fields in spec order; {@code _id} unless {@code _id: 0};</li>
 *   <li>exclusion: everything but the excluded paths (through arrays of documents);</li>
 *   <li>add fields: the document with computed fields set in place or appended; a missing value ($$REMOVE) removes the field.</li>
 * </ul>
 */
public final class ExprProjection {
    public enum Mode { INCLUSION, EXCLUSION, ADD_FIELDS }

    private sealed interface Spec permits Include, Exclude, Computed, Nested {}

    private record Include() implements Spec {}

    private record Exclude() implements Spec {}

    private record Computed(Expr expr) implements Spec {}

    private record Nested(Node node) implements Spec {}

    private static final class Node {
        final Map<String, Spec> fields = new LinkedHashMap<>();
        boolean hasComputed;
    }

    private final Node root;
    private final Mode mode;
    private final Variables variables;

    private ExprProjection(Node root, Mode mode, Variables variables) {
        this.root = root;
        this.mode = mode;
        this.variables = variables;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Parses a projection whose values may be expressions. {@code errorPrefix} goes in front of
     * parse errors ("Invalid $project :: caused by :: " for the stage, "" for find).
     */
    public static ExprProjection parseProject(BsonDocument spec, ParseContext cx, String errorPrefix) {
        if (spec.isEmpty()) {
            throw ErrorCode.LOCATION_51272.error(errorPrefix + "projection specification must have at least one field");
        }
        Node root = new Node();
        Mode[] mode = {null};
        boolean[] idExcluded = {false};
        parseInto(root, spec, cx, errorPrefix, mode, idExcluded, "", true);
        Mode m = mode[0] == null ? (idExcluded[0] ? Mode.EXCLUSION : Mode.INCLUSION) : mode[0];
        if (m == Mode.INCLUSION && !root.fields.containsKey("_id")) {
            root.fields.put("_id", new Include());
        }
        if (m == Mode.INCLUSION && root.fields.get("_id") instanceof Exclude) {
            root.fields.remove("_id");
        }
        return new ExprProjection(root, m, cx.variables());
    }

    private static void parseInto(Node node, BsonDocument spec, ParseContext cx, String prefix, Mode[] mode, boolean[] idExcluded,
            String base, boolean top) {
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            String name = e.getKey();
            String full = base.isEmpty() ? name : base + "." + name;
            if (name.startsWith("$")) {
                throw ErrorCode.LOCATION_16410.error(prefix + "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
            BsonValue v = e.getValue();
            Spec s;
            if (v.isBoolean() || v.isNumber() || v.isDecimal128()) {
                boolean include = v.isBoolean() ? v.asBoolean().getValue() : ElementOps.isTruthy(v);
                boolean isId = top && name.equals("_id");
                if (isId) {
                    idExcluded[0] = !include;
                } else {
                    setMode(mode, include ? Mode.INCLUSION : Mode.EXCLUSION, full, prefix);
                }
                s = include ? new Include() : new Exclude();
            } else if (v.isDocument() && !v.asDocument().isEmpty() && !v.asDocument().getFirstKey().startsWith("$")) {
                Node child = new Node();
                parseInto(child, v.asDocument(), cx, prefix, mode, idExcluded, full, false);
                s = new Nested(child);
            } else if (v.isDocument() && v.asDocument().isEmpty()) {
                throw ErrorCode.LOCATION_51270.error(prefix + "An empty sub-projection is not a valid value. Found empty object at path");
            } else {
                if (mode[0] == Mode.EXCLUSION) {
                    throw ErrorCode.LOCATION_31310.error(prefix + "Cannot use an expression " + BsonText.element(full, v)
                            + " in an exclusion projection");
                }
                setMode(mode, Mode.INCLUSION, full, prefix);
                s = new Computed(ExprParser.parse(v, cx));
            }
            add(node, name, s, prefix);
        }
    }

    private static void setMode(Mode[] mode, Mode wanted, String field, String prefix) {
        if (mode[0] == null) {
            mode[0] = wanted;
        } else if (mode[0] != wanted) {
            throw wanted == Mode.INCLUSION
                    ? ErrorCode.PROJECTION_MIXES_EXCLUSION.error(prefix + "Cannot do inclusion on field " + field + " in exclusion projection")
                    : ErrorCode.PROJECTION_MIXES_INCLUSION.error(prefix + "Cannot do exclusion on field " + field + " in inclusion projection");
        }
    }

    /** $addFields / $set: every value is an expression, nested plain documents are nested specs. */
    public static ExprProjection parseAddFields(BsonDocument spec, ParseContext cx, String stage) {
        if (spec.isEmpty()) {
            throw ErrorCode.LOCATION_40177.error("Invalid %s :: caused by :: specification must have at least one field", stage);
        }
        Node root = new Node();
        addFieldsInto(root, spec, cx, "Invalid " + stage + " :: caused by :: ");
        return new ExprProjection(root, Mode.ADD_FIELDS, cx.variables());
    }

    private static void addFieldsInto(Node node, BsonDocument spec, ParseContext cx, String prefix) {
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().startsWith("$")) {
                throw ErrorCode.LOCATION_16410.error(prefix + "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
            BsonValue v = e.getValue();
            Spec s;
            if (v.isDocument() && !v.asDocument().isEmpty() && !v.asDocument().getFirstKey().startsWith("$")) {
                Node child = new Node();
                addFieldsInto(child, v.asDocument(), cx, prefix);
                s = new Nested(child);
            } else {
                s = new Computed(ExprParser.parse(v, cx));
            }
            add(node, e.getKey(), s, prefix);
        }
    }

    /** $unset: an exclusion of the given paths. */
    public static ExprProjection exclusion(List<String> paths, Variables variables) {
        Node root = new Node();
        for (String p : paths) {
            add(root, p, new Exclude(), "Invalid $unset :: caused by :: ");
        }
        return new ExprProjection(root, Mode.EXCLUSION, variables);
    }

    private static void add(Node root, String dotted, Spec spec, String prefix) {
        FieldPath path = FieldPath.parse(dotted);
        if (path.hasEmptyComponent()) {
            throw ErrorCode.LOCATION_15998.error(prefix + "FieldPath field names may not be empty strings.");
        }
        Node node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Spec existing = node.fields.get(path.get(i));
            if (existing == null) {
                Node child = new Node();
                node.fields.put(path.get(i), new Nested(child));
                node = child;
            } else if (existing instanceof Nested n) {
                node = n.node();
            } else {
                throw ErrorCode.LOCATION_31249.error(prefix + "Path collision at " + dotted + " remaining portion " + path.suffix(i + 1).dotted());
            }
        }
        String last = path.last();
        Spec existing = node.fields.get(last);
        if (existing != null) {
            if (existing instanceof Nested n && spec instanceof Nested s) {
                n.node().fields.putAll(s.node().fields);
                n.node().hasComputed |= s.node().hasComputed;
                return;
            }
            throw ErrorCode.LOCATION_31250.error(prefix + "Path collision at " + dotted);
        }
        node.fields.put(last, spec);
        markComputed(root, path, spec);
    }

    private static void markComputed(Node root, FieldPath path, Spec spec) {
        boolean computed = spec instanceof Computed || (spec instanceof Nested n && n.node().hasComputed);
        if (!computed) {
            return;
        }
        Node node = root;
        node.hasComputed = true;
        for (int i = 0; i < path.size() - 1; i++) {
            node = ((Nested) node.fields.get(path.get(i))).node();
            node.hasComputed = true;
        }
    }

    /**
     * Where the value at {@code path} of the projected document comes from in the input: the same path when the
     * projection keeps it, the referenced path when a top-level field is computed as a field path of the
     * document (a rename); empty when the projection may change it otherwise (drops it, computes it, or reshapes
     * the document it lies in).
     */
    public Optional<List<String>> source(List<String> path) {
        Node node = root;
        for (int i = 0; i < path.size(); i++) {
            Spec s = node.fields.get(path.get(i));
            boolean end = i == path.size() - 1;
            switch (s) {
                case null -> {
                    return mode == Mode.INCLUSION ? Optional.empty() : Optional.of(path);
                }
                case Include inc -> {
                    return Optional.of(path);
                }
                case Exclude exc -> {
                    return Optional.empty();
                }
                case Computed c -> {
                    if (i == 0 && c.expr() instanceof Expr.FieldRef ref && !ref.path().isEmpty()
                            && (ref.variable().equals("CURRENT") || ref.variable().equals("ROOT"))) {
                        List<String> out = new java.util.ArrayList<>(ref.path());
                        out.addAll(path.subList(1, path.size()));
                        return Optional.of(out);
                    }
                    return Optional.empty();
                }
                case Nested n -> {
                    if (end || mode == Mode.ADD_FIELDS) {
                        return Optional.empty();
                    }
                    node = n.node();
                }
            }
        }
        return Optional.empty();
    }

    /** True if every computed field is a constant or a variable's (field) path, whose evaluation cannot fail. */
    public boolean cannotFail() {
        return cannotFail(root);
    }

    private static boolean cannotFail(Node node) {
        for (Spec s : node.fields.values()) {
            boolean ok = switch (s) {
                case Computed c -> c.expr() instanceof Expr.Constant || c.expr() instanceof Expr.FieldRef;
                case Nested n -> cannotFail(n.node());
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public BsonDocument apply(BsonDocument doc) {
        EvalContext cx = EvalContext.of(doc, variables);
        return switch (mode) {
            case INCLUSION -> include(doc, root, cx);
            case EXCLUSION -> exclude(doc, root);
            case ADD_FIELDS -> addFields(doc, root, cx);
        };
    }

    private BsonDocument include(BsonDocument doc, Node node, EvalContext cx) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            Spec s = node.fields.get(e.getKey());
            if (s instanceof Include) {
                out.put(e.getKey(), e.getValue());
            } else if (s instanceof Nested n) {
                includeNested(e.getValue(), n.node(), cx).ifPresent(v -> out.put(e.getKey(), v));
            }
        }
        computeInto(out, node, cx, doc);
        return out;
    }

    /** Computed fields of node (in spec order) into out; nested nodes with computed fields create sub-documents. */
    private void computeInto(BsonDocument out, Node node, EvalContext cx, BsonDocument source) {
        if (!node.hasComputed) {
            return;
        }
        for (Map.Entry<String, Spec> f : node.fields.entrySet()) {
            if (f.getValue() instanceof Computed c) {
                Optional<BsonValue> v = ExprEvaluator.evaluate(c.expr(), cx);
                if (v.isPresent()) {
                    out.put(f.getKey(), v.get());
                } else if (mode == Mode.ADD_FIELDS) {
                    out.remove(f.getKey());
                }
            } else if (f.getValue() instanceof Nested n && n.node().hasComputed && !out.containsKey(f.getKey())
                    && (mode != Mode.ADD_FIELDS || source == null || !source.containsKey(f.getKey()))) {
                BsonDocument sub = new BsonDocument();
                computeInto(sub, n.node(), cx, null);
                out.put(f.getKey(), sub);
            }
        }
    }

    private Optional<BsonValue> includeNested(BsonValue v, Node node, EvalContext cx) {
        if (v instanceof BsonDocument d) {
            return Optional.of(include(d, node, cx));
        }
        if (v instanceof BsonArray a) {
            BsonArray out = new BsonArray();
            for (BsonValue element : a) {
                if (element instanceof BsonDocument || element instanceof BsonArray) {
                    includeNested(element, node, cx).ifPresent(out::add);
                } else if (node.hasComputed) {
                    BsonDocument sub = new BsonDocument();
                    computeInto(sub, node, cx, null);
                    out.add(sub);
                }
            }
            return Optional.of(out);
        }
        if (node.hasComputed) {
            BsonDocument sub = new BsonDocument();
            computeInto(sub, node, cx, null);
            return Optional.of(sub);
        }
        return Optional.empty();
    }

    private static BsonDocument exclude(BsonDocument doc, Node node) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            Spec s = node.fields.get(e.getKey());
            if (s instanceof Exclude) {
                continue;
            }
            out.put(e.getKey(), s instanceof Nested n ? excludeNested(e.getValue(), n.node()) : e.getValue());
        }
        return out;
    }

    private static BsonValue excludeNested(BsonValue v, Node node) {
        if (v instanceof BsonDocument d) {
            return exclude(d, node);
        }
        if (v instanceof BsonArray a) {
            BsonArray out = new BsonArray();
            for (BsonValue element : a) {
                out.add(excludeNested(element, node));
            }
            return out;
        }
        return v;
    }

    private BsonDocument addFields(BsonDocument doc, Node node, EvalContext cx) {
        BsonDocument out = new BsonDocument();
        doc.forEach(out::append);
        for (Map.Entry<String, Spec> f : node.fields.entrySet()) {
            if (f.getValue() instanceof Nested n) {
                BsonValue existing = out.get(f.getKey());
                out.put(f.getKey(), addFieldsNested(existing, n.node(), cx));
            } else if (f.getValue() instanceof Computed c) {
                Optional<BsonValue> v = ExprEvaluator.evaluate(c.expr(), cx);
                if (v.isPresent()) {
                    out.put(f.getKey(), v.get());
                } else {
                    out.remove(f.getKey());
                }
            }
        }
        return out;
    }

    private BsonValue addFieldsNested(BsonValue existing, Node node, EvalContext cx) {
        if (existing instanceof BsonDocument d) {
            return addFields(d, node, cx);
        }
        if (existing instanceof BsonArray a) {
            BsonArray out = new BsonArray();
            for (BsonValue element : a) {
                out.add(addFieldsNested(element, node, cx));
            }
            return out;
        }
        return addFields(new BsonDocument(), node, cx);
    }
}
