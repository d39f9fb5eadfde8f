package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprEvaluator;
import dev.tusk.query.ExprProjection;
import dev.tusk.query.SortSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A $group (alone, or the one inside $sortByCount) right after the pipeline's $match that PostgreSQL
 * can compute: its key is a constant, a field path or a date part of one ({$year: '$d'}..., a $dateToString in UTC), or a document of those, and its outputs are counts
 * ({@code {$sum: <int or long>}}, {@code {$count: {}}}), the {@code $sum}, {@code $avg}, {@code $min} or
 * {@code $max} of a field path, or the {@code $first} or {@code $last} of a field path, {@code $$ROOT} or a constant;
 * a {@code $sort} on top-level fields, an {@code $unwind} (without includeArrayIndex), or an equality {@code $lookup} and the
 * {@code $unwind} of its matches (either $unwind followed by a $match, perhaps) may come before it.
 * PostgreSQL groups by the paths' values in the query form and returns per group its size, its first
 * document (smallest `_key`: the first the $group sees of a collection read in `_key` order; after a $sort,
 * the documents that may be first in its order, of which Java picks the first as the stage's stable sort
 * would), its last when a $last asks for it and, per summed path, a {@link NumberAgg}; {@link #result} makes
 * the group's output document the way the
 * $group stage would, or declines (the pipeline then runs in Java) where the exact sum alone cannot say
 * what MongoDB's $sum gives: its type can depend on the order of the additions, or its double-double
 * arithmetic might round.
 *
 * @param single whether the key is one path (missing and null are one group) rather than a document of paths
 * @param valuePaths the distinct paths that $sum/$avg outputs read
 * @param extremePaths the distinct paths that $min/$max outputs read
 * @param pushPaths the distinct paths that $push outputs read (in `_key` order, then element order after an $unwind)
 * @param setPaths the distinct paths that $addToSet outputs read (their distinct values, in BSON order as the stage gives them)
 * @param conditions the distinct equality tests that conditional counts ({@code {$sum: {$cond: [{$eq: ['$p', v]}, 1, 0]}}})
 *     and conditional values make: PostgreSQL counts each group's documents that pass each
 * @param filtered the distinct (test, path) pairs of conditional values ({@code {$sum: {$cond: [{$eq: ['$s', 'paid']}, '$amount',
 *     0]}}}): per pair a {@link NumberAgg} of the path over the documents on the path's side of the test
 * @param last whether an output is a $last (the statement then finds each group's last document too)
 * @param order the $sort before the $group, if any
 * @param unwind the $unwind before the $group, if any: PostgreSQL then groups the rows of its array's elements, and
 *     each group's first (last) document is one of those rows, `_key` and element number
 * @param lookup the equality $lookup before that $unwind (which then unwinds its `as`), if any: PostgreSQL then groups
 *     the rows of its join, and each group's first (last) document is one of them, the two documents' `_key`s
 * @param unwoundMatch a $match right after the $unwind (PostgreSQL applies it to each row, as the unwound document),
 *     if any; dev.tusk.sql.GroupSql says whether its filter is exact there
 * @param reshapes $project, $addFields/$set and $unset stages before all that, which keep or rename the paths the
 *     rest reads (computing only constants and paths, which cannot fail); Java applies them to the first and last documents
 * @param after the stages after the grouping, which still run in Java (for $sortByCount, its sort first)
 */
public record SqlGroup(GroupStage group, List<List<String>> keyPaths, boolean single, List<List<String>> valuePaths,
        List<List<String>> extremePaths, List<List<String>> pushPaths, List<List<String>> setPaths, List<Condition> conditions,
        List<Filtered> filtered, boolean last, Optional<SortSpec> order, Optional<UnwindStage> unwind,
        Optional<LookupStage> lookup, Optional<MatchStage> unwoundMatch, List<Stage> reshapes, List<Stage> after) {
    private static final BigDecimal INT64_END = BigDecimal.valueOf(2).pow(63);
    private static final BigDecimal EXACT_DOUBLE_SUM = BigDecimal.valueOf(2).pow(100);
    /** The largest count times multiplier computed exactly here; past it the pipeline runs in Java. */
    private static final long LIMIT = 1L << 62;

    /**
     * What PostgreSQL reports of one path's values in one group: their exact sum, how many were numbers,
     * which BSON number types occurred (bit i for the query form's scale tag i: int32, int64, double,
     * Decimal128), the sum of their magnitudes, the largest scale (a bound on a double's binary fraction
     * digits), and whether a NaN or an infinity was among them.
     */
    public record NumberAgg(BigDecimal sum, long numbers, int types, BigDecimal magnitudes, int maxScale, boolean special) {
        /** {@code n} times the integer {@code c} (int32 or int64), as PostgreSQL would report those values. */
        static NumberAgg times(BsonValue c, long n) {
            BigDecimal value = BigDecimal.valueOf(c.asNumber().longValue());
            BigDecimal count = BigDecimal.valueOf(n);
            return new NumberAgg(value.multiply(count), n, n == 0 ? 0 : c.isInt32() ? 1 : 2, value.abs().multiply(count), 0, false);
        }

        /** The values of both, as one path's. */
        NumberAgg plus(NumberAgg o) {
            return new NumberAgg(sum.add(o.sum), numbers + o.numbers, types | o.types, magnitudes.add(o.magnitudes),
                    Math.max(maxScale, o.maxScale), special || o.special);
        }
    }

    /**
     * What PostgreSQL reports of one path's values in one group for $min/$max: how many were neither
     * missing nor null, how many were numbers (their type bits as in {@link NumberAgg}, their least and
     * greatest value) and how many were dates (their least and greatest milliseconds).
     */
    public record ExtremeAgg(long values, long numbers, int types, BigDecimal minNumber, BigDecimal maxNumber, long dates,
            long minDate, long maxDate) {}

    /**
     * One group as PostgreSQL reports it ({@code dev.tusk.sql.GroupSql}): its size, whether jsonb may have
     * grouped it otherwise than MongoDB, its first document, its last (empty unless {@link #last}) and what it
     * found of the paths. After a $sort, firsts and lasts are the documents that may be first or last in its
     * order, in `_key` order; null when there were too many to send. After an $unwind, firstElement and
     * lastElement say which of its outputs for that document (from 0).
     */
    public record Group(long count, boolean unsafe, List<byte[]> firsts, List<byte[]> lasts, List<NumberAgg> sums,
            List<ExtremeAgg> extremes, long firstElement, long lastElement, List<String> keyValues, List<Integer> keyTypes,
            List<List<String>> pushes, List<Long> passed, List<NumberAgg> filtered) {
        public Group(long count, boolean unsafe, List<byte[]> firsts, List<byte[]> lasts, List<NumberAgg> sums, List<ExtremeAgg> extremes) {
            this(count, unsafe, firsts, lasts, sums, extremes, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of());
        }

        public Group(long count, boolean unsafe, List<byte[]> firsts, List<byte[]> lasts, List<NumberAgg> sums, List<ExtremeAgg> extremes,
                long firstElement, long lastElement) {
            this(count, unsafe, firsts, lasts, sums, extremes, firstElement, lastElement, List.of(), List.of(), List.of(), List.of(),
                    List.of());
        }
    }

    /** A path's values over the documents on one side of a test: where it holds, or where it does not ({@code negated}). */
    public record Filtered(Condition condition, boolean negated, List<String> path) {}

    /**
     * {@code {$sum|$avg: {$cond: [<test>, '$path', <int, null or $$REMOVE>]}}} (or the branches the other way round): the path's
     * values on one side of the test, the constant (when an integer) once for each document on the other.
     */
    record ConditionalValue(Filtered filtered, Optional<BsonValue> otherwise) {}

    static Optional<ConditionalValue> conditionalValue(Accumulator a) {
        if (!a.operator().equals("$sum") && !a.operator().equals("$avg") || a.n().isPresent() || !(a.argument() instanceof Expr.Call cond)
                || !cond.name().equals("$cond") || cond.args().size() != 3) {
            return Optional.empty();
        }
        Optional<Test> test = test(cond.args().get(0));
        if (test.isEmpty()) {
            return Optional.empty();
        }
        boolean thenPath = isPath(cond.args().get(1));
        Expr path = cond.args().get(thenPath ? 1 : 2);
        Expr other = cond.args().get(thenPath ? 2 : 1);
        if (!isPath(path) || !nothingOrInteger(other)) {
            return Optional.empty();
        }
        Optional<BsonValue> otherwise = other instanceof Expr.Constant c && integer(c.value()) ? Optional.of(c.value()) : Optional.empty();
        return Optional.of(new ConditionalValue(new Filtered(test.get().condition(), test.get().negated() == thenPath,
                ((Expr.FieldRef) path).path()), otherwise));
    }

    /** An integer constant, null or $$REMOVE: what the other branch may give (null and missing are no number to $sum and $avg). */
    private static boolean nothingOrInteger(Expr e) {
        return e instanceof Expr.Constant c && (integer(c.value()) || c.value().isNull())
                || e instanceof Expr.FieldRef ref && ref.variable().equals("REMOVE") && ref.path().isEmpty();
    }

    /**
     * An aggregation expression's equality of a path's value with a constant ({@code {$eq: ['$status', 'paid']}}): BSON
     * comparison of the whole value (no array traversal; missing, arrays and other types differ), which jsonb equality of
     * the query form is for strings stored as they are, booleans and finite numbers (numeric equality ignores the scale
     * that types them).
     */
    public record Condition(List<String> path, BsonValue value) {}

    /** {@code {$sum: {$cond: [<condition or its negation>, then, else]}}} with integer constants for then and else. */
    record ConditionalCount(Condition condition, boolean negated, BsonValue then, BsonValue otherwise) {}

    static Optional<ConditionalCount> conditionalCount(Accumulator a) {
        if (!a.operator().equals("$sum") || a.n().isPresent() || !(a.argument() instanceof Expr.Call cond) || !cond.name().equals("$cond")
                || cond.args().size() != 3 || !(cond.args().get(1) instanceof Expr.Constant then) || !integer(then.value())
                || !(cond.args().get(2) instanceof Expr.Constant otherwise) || !integer(otherwise.value())) {
            return Optional.empty();
        }
        return test(cond.args().get(0)).map(t -> new ConditionalCount(t.condition(), t.negated(), then.value(), otherwise.value()));
    }

    /** An equality ({@code $eq}) of a path with a constant, or its negation ({@code $ne}): a {@link Condition}. */
    record Test(Condition condition, boolean negated) {}

    static Optional<Test> test(Expr e) {
        if (!(e instanceof Expr.Call test) || !test.name().equals("$eq") && !test.name().equals("$ne") || test.args().size() != 2) {
            return Optional.empty();
        }
        Expr left = test.args().get(0);
        Expr right = test.args().get(1);
        Expr path = isPath(left) ? left : right;
        Expr constant = isPath(left) ? right : left;
        if (!isPath(path) || !(constant instanceof Expr.Constant c) || !comparable(c.value())) {
            return Optional.empty();
        }
        return Optional.of(new Test(new Condition(((Expr.FieldRef) path).path(), c.value()), test.name().equals("$ne")));
    }

    private static boolean integer(BsonValue v) {
        return v.isInt32() || v.isInt64();
    }

    /** Values whose equality jsonb decides as MongoDB's expressions do (see {@link Condition}). */
    private static boolean comparable(BsonValue v) {
        return switch (v.getBsonType()) {
            case BOOLEAN, INT32, INT64 -> true;
            case DOUBLE -> Double.isFinite(v.asDouble().getValue());
            case STRING -> dev.tusk.storage.QueryForm.isStringExact(v.asString().getValue());
            default -> false;
        };
    }

    /**
     * A conditional count's sum: {@code then} for each of the group's documents that pass (fail, when negated) the test,
     * {@code otherwise} for the others, added as $sum adds integers (see {@link #sum}).
     */
    private Optional<BsonValue> conditionalSum(ConditionalCount cc, long passed, long documents) {
        long yes = cc.negated() ? documents - passed : passed;
        return sum(NumberAgg.times(cc.then(), yes).plus(NumberAgg.times(cc.otherwise(), documents - yes)));
    }

    /**
     * The $group's output documents, in its order, or empty when one group cannot be made here exactly (the
     * pipeline then runs in Java).
     */
    public Optional<List<BsonDocument>> outputs(List<Group> groups) {
        List<BsonDocument> out = new ArrayList<>(groups.size());
        for (Group group : groups) {
            if (!group.unsafe() && group.firsts() != null && group.firsts().isEmpty()) { // not read: the key from its values
                Optional<BsonDocument> doc = withKey(key(group.keyValues(), group.keyTypes()), null, null, group.count(), group.sums(),
                        group.extremes(), group.pushes(), group.passed(), group.filtered());
                if (doc.isEmpty()) {
                    return Optional.empty();
                }
                out.add(doc.get());
                continue;
            }
            BsonDocument first = group.unsafe() || group.firsts() == null ? null : row(group.firsts(), false, group.firstElement());
            BsonDocument lastOne = !last || group.lasts() == null ? null : row(group.lasts(), true, group.lastElement());
            Optional<BsonDocument> doc = first == null || (last && lastOne == null) ? Optional.empty()
                    : result(first, lastOne, group.count(), group.sums(), group.extremes(), group.pushes(), group.passed(), group.filtered());
            if (doc.isEmpty()) {
                return Optional.empty();
            }
            out.add(doc.get());
        }
        out.sort(ORDER);
        return Optional.of(out);
    }

    /**
     * The document the $group saw as a group's first (last): after a $lookup the local document with its match in `as`
     * (the $unwind's output for that pair), else {@link #pick} then {@link #unwound}; null when there is none.
     */
    private BsonDocument row(List<byte[]> docs, boolean lastOne, long element) {
        if (docs.isEmpty()) {
            return null; // a row that did not join: its group declines
        }
        if (lookup.isPresent()) {
            BsonDocument out = dev.tusk.bson.BsonCopy.document(reshaped(new org.bson.RawBsonDocument(docs.get(0))));
            if (docs.get(1) == null) { // no match, kept by preserveNullAndEmptyArrays: its empty `as` goes
                out.remove(lookup.get().as());
            } else {
                StagePaths.set(out, lookup.get().as(), new org.bson.RawBsonDocument(docs.get(1)));
            }
            return out;
        }
        return unwound(pick(docs, lastOne), element);
    }

    /**
     * The first (last) of candidates in `_key` order: one, or after a $sort the first (last) in its order, ties
     * in `_key` order as the stage's stable sort leaves the documents of a `_key`-order read.
     */
    private BsonDocument pick(List<byte[]> candidates, boolean lastOne) {
        List<BsonDocument> docs = new ArrayList<>(candidates.size());
        candidates.forEach(bytes -> docs.add(reshaped(new org.bson.RawBsonDocument(bytes))));
        if (docs.size() > 1) {
            docs.sort(order.orElseThrow().comparator());
        }
        return docs.get(lastOne ? docs.size() - 1 : 0);
    }

    /**
     * The $unwind's output number {@code element} for {@code doc}, as the $group saw it; doc itself without an
     * $unwind; null (the pipeline then runs in Java) should the stage not give that many.
     */
    private BsonDocument unwound(BsonDocument doc, long element) {
        if (unwind.isEmpty()) {
            return doc;
        }
        java.util.Iterator<BsonDocument> out = unwind.get().apply(List.<BsonDocument>of(doc).iterator());
        for (long i = 0; i < element && out.hasNext(); i++) {
            out.next();
        }
        return out.hasNext() ? out.next() : null;
    }

    /**
     * Where a path of the grouped document lies after the $unwind: the part after the unwound path when it
     * starts there (read from the element), empty when it does not (read from the document).
     */
    public Optional<List<String>> underUnwind(List<String> path) {
        if (unwind.isEmpty()) {
            return Optional.empty();
        }
        List<String> unwound = unwindPath();
        return path.size() >= unwound.size() && path.subList(0, unwound.size()).equals(unwound)
                ? Optional.of(path.subList(unwound.size(), path.size())) : Optional.empty();
    }

    /** The $unwind's path, split. */
    public List<String> unwindPath() {
        return List.of(unwind.orElseThrow().path().split("\\.", -1));
    }

    /** True if an output is a $first or a $last (each group's first or last document is then read). */
    public boolean positional() {
        return group.accumulators().values().stream().anyMatch(SqlGroup::positional);
    }

    /**
     * The group's `_id` from PostgreSQL's key values (jsonb text, null when missing) and their number types (bits as in
     * {@link NumberAgg}), where the statement found them enough (dev.tusk.sql.GroupSql): strings, booleans, null, dates,
     * ObjectIds, numbers of one type. (A date part's key is always evaluated on the group's first document.)
     */
    BsonValue key(List<String> values, List<Integer> types) {
        if (group.id() instanceof Expr.Constant c) {
            return c.value();
        }
        if (single) {
            return keyValue(values.get(0), types.get(0));
        }
        BsonDocument out = new BsonDocument();
        List<Map.Entry<String, Expr>> fields = ((Expr.DocumentExpr) group.id()).fields();
        for (int i = 0; i < fields.size(); i++) {
            BsonValue v = keyValue(values.get(i), types.get(i));
            if (v != null) {
                out.append(fields.get(i).getKey(), v);
            }
        }
        return out;
    }

    private static BsonValue keyValue(String json, int types) {
        return json == null ? null : dev.tusk.storage.QueryForm.scalar(json, Integer.numberOfTrailingZeros(types)); // null: missing
    }

    /** The grouping the stages after a $match (or at the pipeline's start) allow, if any. */
    static Optional<SqlGroup> of(List<Stage> stages) {
        int reshaping = 0;
        while (reshaping < stages.size() && projection(stages.get(reshaping)).filter(ExprProjection::cannotFail).isPresent()) {
            reshaping++;
        }
        if (reshaping > 0) {
            List<Stage> reshapes = List.copyOf(stages.subList(0, reshaping));
            return of(stages.subList(reshaping, stages.size())).filter(x -> x.reshapes().isEmpty())
                    .map(x -> x.withReshapes(reshapes))
                    .filter(x -> x.unwoundMatch().isEmpty()) // its filter reads the stored paths
                    .filter(SqlGroup::readsThroughReshapes);
        }
        // an $unwind, or an equality $lookup and the $unwind of its `as`, then perhaps a $match
        Optional<LookupStage> lookup = !stages.isEmpty() && stages.get(0) instanceof LookupStage l && joinable(l) ? Optional.of(l)
                : Optional.empty();
        int at = lookup.isPresent() ? 1 : 0;
        if (stages.size() > at + 1 && stages.get(at) instanceof UnwindStage u && u.includeArrayIndex().isEmpty()
                && lookup.map(l -> u.path().equals(l.as())).orElse(true)) {
            Optional<MatchStage> m = matchAt(stages, at + 1);
            return of(stages.subList(at + 1 + (m.isPresent() ? 1 : 0), stages.size()))
                    .filter(x -> x.order().isEmpty() && x.unwind().isEmpty() && x.reshapes().isEmpty()) // reshapes are applied before it
                    .map(x -> x.withUnwind(u, lookup, m))
                    .filter(SqlGroup::readsEachPathWhole);
        }
        if (stages.size() > 1 && stages.get(0) instanceof SortStage sort && stages.get(1) instanceof GroupStage g) {
            return orderable(sort.sort()) ? of(g, stages.subList(2, stages.size()), Optional.of(sort.sort())) : Optional.empty();
        }
        if (stages.size() > 1 && stages.get(0) instanceof SortStage sort && stages.get(1) instanceof BucketStage b) {
            return orderable(sort.sort()) ? of(b.group(), prepend(b.sort(), stages.subList(2, stages.size())), Optional.of(sort.sort()))
                    : Optional.empty();
        }
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        List<Stage> after = stages.subList(1, stages.size());
        return switch (stages.get(0)) {
            case GroupStage g -> of(g, after, Optional.empty());
            case SortByCountStage s -> of(s.group(), prepend(s.sort(), after), Optional.empty());
            case BucketStage b -> of(b.group(), prepend(b.sort(), after), Optional.empty());
            case CountStage c when !c.field().equals("_id") -> of(countGroup(c), prepend(countOutput(c), after), Optional.empty());
            default -> Optional.empty();
        };
    }

    /**
     * An equality $lookup PostgreSQL joins: localField and foreignField plain paths, no pipeline or let, `as` a top-level
     * field (the $unwind after it then replaces that field by each match).
     */
    private static boolean joinable(LookupStage l) {
        return l.localField().isPresent() && l.pipeline().isEmpty() && l.let().isEmpty() && plainPath(l.localField().get())
                && plainPath(l.foreignField().get()) && plainPath(l.as()) && !l.as().contains(".");
    }

    private static boolean plainPath(String path) {
        return java.util.Arrays.stream(path.split("\\.", -1)).noneMatch(p -> p.isEmpty() || p.startsWith("$"));
    }

    /** The $lookup's localField, split. */
    public List<String> localPath() {
        return List.of(lookup.orElseThrow().localField().orElseThrow().split("\\.", -1));
    }

    /** The $lookup's foreignField, split. */
    public List<String> foreignPath() {
        return List.of(lookup.orElseThrow().foreignField().orElseThrow().split("\\.", -1));
    }

    private SqlGroup withReshapes(List<Stage> stages) {
        return new SqlGroup(group, keyPaths, single, valuePaths, extremePaths, pushPaths, setPaths, conditions, filtered, last, order, unwind, lookup,
                unwoundMatch, stages, after);
    }

    private SqlGroup withUnwind(UnwindStage u, Optional<LookupStage> l, Optional<MatchStage> m) {
        return new SqlGroup(group, keyPaths, single, valuePaths, extremePaths, pushPaths, setPaths, conditions, filtered, last, order, Optional.of(u), l, m,
                reshapes, after);
    }

    /** The $match at stages[i], if there is one (and a stage after it). */
    private static Optional<MatchStage> matchAt(List<Stage> stages, int i) {
        return stages.size() > i + 1 && stages.get(i) instanceof MatchStage m ? Optional.of(m) : Optional.empty();
    }

    /** The projection a $project, $addFields/$set or $unset applies. */
    private static Optional<ExprProjection> projection(Stage stage) {
        return switch (stage) {
            case ProjectStage p -> Optional.of(p.projection());
            case AddFieldsStage a -> Optional.of(a.fields());
            case UnsetStage u -> Optional.of(u.exclusion());
            default -> Optional.empty();
        };
    }

    /** The document as the stages before the grouping leave it (without the $unwind, which {@link #unwound} applies). */
    private BsonDocument reshaped(BsonDocument doc) {
        BsonDocument out = doc;
        for (Stage stage : reshapes) {
            out = projection(stage).orElseThrow().apply(out);
        }
        return out;
    }

    /** Where a path of the document the grouping sees (before any $unwind) lies in the stored document; empty if nowhere exactly. */
    public Optional<List<String>> source(List<String> path) {
        Optional<List<String>> at = Optional.of(path);
        for (int i = reshapes.size() - 1; i >= 0 && at.isPresent(); i--) {
            ExprProjection p = projection(reshapes.get(i)).orElseThrow();
            at = at.flatMap(p::source);
        }
        return at;
    }

    /** The $sort over the stored document: its keys' paths through the reshaping stages. */
    public Optional<SortSpec> storedOrder() {
        return order.map(o -> new SortSpec(o.keys().stream()
                .map(k -> new SortSpec.Key(new dev.tusk.bson.FieldPath(source(k.path().parts()).orElseThrow()), k.ascending()))
                .toList(), o.collation()));
    }

    /**
     * True if every path the statement reads from the stored document has a source through the reshaping stages
     * (a sort key a top-level one).
     */
    private boolean readsThroughReshapes() {
        List<List<String>> paths = readPaths();
        boolean read = paths.stream().allMatch(p -> underUnwind(p).isPresent() || source(p).isPresent())
                && (lookup.isPresent() ? source(localPath()).isPresent() : unwind.map(u -> source(unwindPath()).isPresent()).orElse(true));
        return read && order.map(o -> o.keys().stream().allMatch(k -> source(k.path().parts()).filter(p -> p.size() == 1).isPresent()))
                .orElse(true);
    }

    /**
     * False if a key, sum or extreme reads a path the $unwind changes inside (a proper prefix of its path: a
     * document that the query form holds with the whole array).
     */
    private boolean readsEachPathWhole() {
        List<String> unwound = unwindPath();
        return readPaths().stream().noneMatch(p -> p.size() < unwound.size() && unwound.subList(0, p.size()).equals(p));
    }

    /** Every path the statement reads: keys, sums, extremes, pushes, sets and the conditions' paths. */
    private List<List<String>> readPaths() {
        List<List<String>> paths = new ArrayList<>(keyPaths);
        paths.addAll(valuePaths);
        paths.addAll(extremePaths);
        paths.addAll(pushPaths);
        paths.addAll(setPaths);
        conditions.forEach(c -> paths.add(c.path()));
        return paths;
    }

    /**
     * A sort {@code dev.tusk.sql.SortSql} orders for a group: top-level fields (a dotted path may walk through
     * arrays, which that order does not place), no text score, strings in byte order.
     */
    private static boolean orderable(SortSpec sort) {
        return !sort.isNatural() && !sort.hasTextScore() && sort.collation().isSimple()
                && sort.keys().stream().allMatch(k -> k.path().size() == 1);
    }

    /** $count as MongoDB defines it: a $group of all documents that counts them (none without documents)... */
    private static GroupStage countGroup(CountStage c) {
        return GroupStage.parse(new BsonDocument("_id", BsonNull.VALUE).append(c.field(), new BsonDocument("$sum", new BsonInt32(1))),
                dev.tusk.expr.ParseContext.of(dev.tusk.expr.Variables.defaults()));
    }

    /** ...then a $project of the count alone. */
    private static ProjectStage countOutput(CountStage c) {
        return ProjectStage.parse(new BsonDocument("_id", new BsonInt32(0)).append(c.field(), new BsonInt32(1)),
                dev.tusk.expr.ParseContext.of(dev.tusk.expr.Variables.defaults()));
    }

    private static List<Stage> prepend(Stage first, List<Stage> rest) {
        List<Stage> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static Optional<SqlGroup> of(GroupStage g, List<Stage> rest, Optional<SortSpec> order) {
        List<List<String>> values = new ArrayList<>();
        List<List<String>> extremes = new ArrayList<>();
        List<List<String>> pushes = new ArrayList<>();
        List<List<String>> sets = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<Filtered> filtered = new ArrayList<>();
        boolean last = false;
        for (Accumulator a : g.accumulators().values()) {
            if (multiplier(a).isPresent()) {
                continue;
            }
            Optional<ConditionalValue> cv = conditionalValue(a);
            if (cv.isPresent()) { // its path's values are read as a summed path's, its test counted
                Filtered f = cv.get().filtered();
                if (!filtered.contains(f)) {
                    filtered.add(f);
                }
                if (!conditions.contains(f.condition())) {
                    conditions.add(f.condition());
                }
                if (!values.contains(f.path())) {
                    values.add(f.path());
                }
                continue;
            }
            Optional<ConditionalCount> counted = conditionalCount(a);
            if (counted.isPresent()) {
                if (!conditions.contains(counted.get().condition())) {
                    conditions.add(counted.get().condition());
                }
                continue;
            }
            if (positional(a)) {
                last |= a.operator().equals("$last");
                continue;
            }
            if (pushedPath(a).isPresent()) { // in the order of the documents: not after a $sort, whose order Java makes exact
                if (order.isPresent()) {
                    return Optional.empty();
                }
                if (!pushes.contains(pushedPath(a).get())) {
                    pushes.add(pushedPath(a).get());
                }
                continue;
            }
            if (setPath(a).isPresent()) { // sorted, whatever the order of the documents
                if (!sets.contains(setPath(a).get())) {
                    sets.add(setPath(a).get());
                }
                continue;
            }
            Optional<List<String>> summed = summedPath(a);
            Optional<List<String>> extreme = extremePath(a);
            if (summed.isEmpty() && extreme.isEmpty()) {
                return Optional.empty();
            }
            List<List<String>> into = summed.isPresent() ? values : extremes;
            List<String> path = summed.orElseGet(extreme::get);
            if (!into.contains(path)) {
                into.add(path);
            }
        }
        Optional<List<List<String>>> keys = keysOf(g.id());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        boolean single = !(g.id() instanceof Expr.DocumentExpr);
        return Optional.of(new SqlGroup(g, keys.get(), single, values, extremes, pushes, sets, List.copyOf(conditions), List.copyOf(filtered), last, order, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.copyOf(rest)));
    }

    /**
     * The paths a key reads: none for a constant (one group of all documents: totals; a count alone is CountingTail's), one
     * for a field path or a date part of one, one per field of a document of those; empty for any other key.
     */
    private static Optional<List<List<String>>> keysOf(Expr id) {
        if (id instanceof Expr.Constant) {
            return Optional.of(List.of());
        }
        if (id instanceof Expr.FieldRef || computedKey(id).isPresent()) {
            return keyPath(id).map(List::of);
        }
        if (id instanceof Expr.DocumentExpr doc && !doc.fields().isEmpty()) {
            List<List<String>> keys = new ArrayList<>();
            for (Map.Entry<String, Expr> f : doc.fields()) {
                Optional<List<String>> path = keyPath(f.getValue());
                if (path.isEmpty()) {
                    return Optional.empty();
                }
                keys.add(path.get());
            }
            return Optional.of(keys);
        }
        return Optional.empty();
    }

    /** Date parts PostgreSQL computes from a date's milliseconds in UTC (dev.tusk.sql.GroupSql). */
    private static final java.util.Set<String> DATE_PARTS = java.util.Set.of("$year", "$month", "$dayOfMonth", "$hour", "$minute",
            "$second", "$millisecond", "$dayOfYear", "$dayOfWeek", "$week", "$isoWeek", "$isoWeekYear", "$isoDayOfWeek");

    /**
     * The path a key component reads: a field path, the date of a date part of one ({$year: '$d'}, without a time zone),
     * or the value a $bucket's ranges sort.
     */
    private static Optional<List<String>> keyPath(Expr e) {
        if (e instanceof Expr.FieldRef ref) {
            return isPath(ref) ? Optional.of(ref.path()) : Optional.empty();
        }
        Optional<Bucket> b = bucket(e);
        if (b.isPresent()) {
            return Optional.of(b.get().path());
        }
        return computedKey(e).map(call -> ((Expr.FieldRef) call.args().get(0)).path());
    }

    /**
     * A $bucket's key (the $switch BucketStage builds, or the same written by hand): which of contiguous ranges
     * [boundary, next) of numbers a path's value falls in, each range's key its lower boundary, anything else (other
     * types, missing, null, arrays, NaN) the default, or MongoDB's 40066 without one.
     *
     * @param path the grouped path
     * @param boundaries the ranges' boundaries, exact (int32, int64 or finite double boundaries only)
     * @param hasDefault whether values outside every range have a default bucket
     */
    public record Bucket(List<String> path, List<BigDecimal> boundaries, boolean hasDefault) {}

    static Optional<Bucket> bucket(Expr e) {
        if (!(e instanceof Expr.Call sw) || !sw.name().equals("$switch") || sw.args().size() < 2) {
            return Optional.empty();
        }
        int pairs = sw.args().size() / 2;
        boolean hasDefault = sw.args().size() % 2 == 1;
        if (hasDefault && !(sw.args().get(sw.args().size() - 1) instanceof Expr.Constant)) {
            return Optional.empty();
        }
        List<String> path = null;
        List<BigDecimal> boundaries = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            if (!(sw.args().get(2 * i) instanceof Expr.Call and) || !and.name().equals("$and") || and.args().size() != 2
                    || !(and.args().get(0) instanceof Expr.Call gte) || !gte.name().equals("$gte") || gte.args().size() != 2
                    || !(and.args().get(1) instanceof Expr.Call lt) || !lt.name().equals("$lt") || lt.args().size() != 2
                    || !isPath(gte.args().get(0)) || !gte.args().get(0).equals(lt.args().get(0))
                    || !(gte.args().get(1) instanceof Expr.Constant lo) || !(lt.args().get(1) instanceof Expr.Constant hi)
                    || !(sw.args().get(2 * i + 1) instanceof Expr.Constant then) || !then.value().equals(lo.value())) {
                return Optional.empty();
            }
            List<String> p = ((Expr.FieldRef) gte.args().get(0)).path();
            Optional<BigDecimal> low = boundary(lo.value());
            Optional<BigDecimal> high = boundary(hi.value());
            if (path != null && !path.equals(p) || low.isEmpty() || high.isEmpty() || low.get().compareTo(high.get()) >= 0
                    || i > 0 && boundaries.get(i).compareTo(low.get()) != 0) {
                return Optional.empty();
            }
            path = p;
            if (i == 0) {
                boundaries.add(low.get());
            }
            boundaries.add(high.get());
        }
        return Optional.of(new Bucket(path, List.copyOf(boundaries), hasDefault));
    }

    private static Optional<BigDecimal> boundary(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64 -> Optional.of(BigDecimal.valueOf(v.asNumber().longValue()));
            case DOUBLE -> Double.isFinite(v.asDouble().getValue()) ? Optional.of(new BigDecimal(v.asDouble().getValue())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The $bucket ranges key component i takes of its path, if it is one. */
    public Optional<Bucket> keyBucket(int i) {
        return bucket(keyExpr(i));
    }

    /**
     * A key component PostgreSQL computes from one path rather than reading it: a date part, a $dateToString or a
     * $dateTrunc of the path, or a $bucket's ranges of it; its value is Java's, on the group's first document.
     */
    private static Optional<Expr.Call> computedKey(Expr e) {
        if (bucket(e).isPresent()) {
            return Optional.of((Expr.Call) e);
        }
        if (!(e instanceof Expr.Call call) || call.args().isEmpty() || !isPath(call.args().get(0))) {
            return Optional.empty();
        }
        return DATE_PARTS.contains(call.name()) && call.args().size() == 1 || dateString(call) || dateTrunc(call) ? Optional.of(call)
                : Optional.empty();
    }

    /** The date parts that say which truncation a date falls in, per $dateTrunc unit (weeks, with their start day, are not here). */
    private static final Map<String, List<String>> TRUNC_PARTS = Map.of("year", List.of("$year"),
            "quarter", List.of("$year", "$quarter"), "month", List.of("$year", "$month"), "day", List.of("$year", "$dayOfYear"),
            "hour", List.of("$year", "$dayOfYear", "$hour"), "minute", List.of("$year", "$dayOfYear", "$hour", "$minute"),
            "second", List.of("$year", "$dayOfYear", "$hour", "$minute", "$second"));

    /**
     * {@code {$dateTrunc: {date: '$d', unit: '<constant>'}}} in UTC with a bin size of 1: dates truncate alike exactly when
     * the parts down to the unit are equal ({@link #TRUNC_PARTS}).
     */
    private static boolean dateTrunc(Expr.Call call) {
        return call.name().equals("$dateTrunc") && call.args().size() == 5 && call.args().get(1) instanceof Expr.Constant unit
                && unit.value().isString() && TRUNC_PARTS.containsKey(unit.value().asString().getValue())
                && (dev.tusk.expr.DateOps.omitted(call.args().get(2)) || call.args().get(2) instanceof Expr.Constant bin
                        && (bin.value().isInt32() || bin.value().isInt64()) && bin.value().asNumber().longValue() == 1)
                && dev.tusk.expr.DateOps.omitted(call.args().get(3));
    }

    /**
     * {@code {$dateToString: {date: '$d', format: '<constant>'}}} in UTC (no timezone), onNull absent or a constant: the
     * string is a function of the date parts its specifiers name, each of fixed width over the years PostgreSQL reaches
     * (1 to 9999), so two dates give the same string exactly when those parts are equal (see {@link #formatParts}).
     */
    private static boolean dateString(Expr.Call call) {
        return call.name().equals("$dateToString") && call.args().size() == 4 && call.args().get(1) instanceof Expr.Constant f
                && f.value().isString() && dev.tusk.expr.DateOps.omitted(call.args().get(2))
                && (dev.tusk.expr.DateOps.omitted(call.args().get(3)) || call.args().get(3) instanceof Expr.Constant);
    }

    private static final Map<Character, String> FORMAT_PARTS = Map.ofEntries(Map.entry('d', "$dayOfMonth"),
            Map.entry('G', "$isoWeekYear"), Map.entry('H', "$hour"), Map.entry('j', "$dayOfYear"), Map.entry('L', "$millisecond"),
            Map.entry('m', "$month"), Map.entry('M', "$minute"), Map.entry('S', "$second"), Map.entry('u', "$isoDayOfWeek"),
            Map.entry('U', "$week"), Map.entry('V', "$isoWeek"), Map.entry('w', "$dayOfWeek"), Map.entry('Y', "$year"));

    /**
     * The date parts a $dateToString format shows, in order ({@code %z}, {@code %Z} and {@code %%} show constants in
     * UTC; the format was checked when the stage was parsed).
     */
    public static List<String> formatParts(String format) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < format.length(); i++) {
            if (format.charAt(i) == '%') {
                String part = FORMAT_PARTS.get(format.charAt(++i));
                if (part != null) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    /** The operator of key component i when PostgreSQL computes it ({@link #computedKey}: $year..., $dateToString, $dateTrunc, $switch). */
    public Optional<String> keyPart(int i) {
        return computedKey(keyExpr(i)).map(Expr.Call::name);
    }

    /** The date parts whose values decide key component i, if it is a $dateToString (those its format shows) or a $dateTrunc. */
    public Optional<List<String>> keyFormatParts(int i) {
        Optional<Expr.Call> call = computedKey(keyExpr(i));
        if (call.isPresent() && dateTrunc(call.get())) {
            return Optional.of(TRUNC_PARTS.get(((Expr.Constant) call.get().args().get(1)).value().asString().getValue()));
        }
        return call.filter(SqlGroup::dateString)
                .map(c -> formatParts(((Expr.Constant) c.args().get(1)).value().asString().getValue()));
    }

    private Expr keyExpr(int i) {
        return single ? group.id() : ((Expr.DocumentExpr) group.id()).fields().get(i).getValue();
    }

    /** A path through the document itself ({@code $a.b}, {@code $$ROOT.a}, {@code $$CURRENT.a}). */
    private static boolean isPath(Expr e) {
        return e instanceof Expr.FieldRef ref && !ref.path().isEmpty()
                && (ref.variable().equals("CURRENT") || ref.variable().equals("ROOT"));
    }

    /** What one document adds to a counting output: the integer of {$sum: n} or 1 for {$count: {}}; empty otherwise. */
    private static Optional<BsonValue> multiplier(Accumulator a) {
        boolean counting = a.operator().equals("$sum") || a.operator().equals("$count");
        if (counting && a.n().isEmpty() && a.argument() instanceof Expr.Constant c && (c.value().isInt32() || c.value().isInt64())) {
            return Optional.of(c.value());
        }
        return Optional.empty();
    }

    /**
     * A {$first: x} or {$last: x} whose x is a field path, $$ROOT or a constant: its value on the group's first or
     * last document is its result (evaluating x there cannot fail, as another expression on another document could).
     */
    private static boolean positional(Accumulator a) {
        boolean positional = a.operator().equals("$first") || a.operator().equals("$last");
        boolean plain = a.argument() instanceof Expr.Constant || (a.argument() instanceof Expr.FieldRef ref
                && (ref.variable().equals("CURRENT") || ref.variable().equals("ROOT")));
        return positional && a.n().isEmpty() && plain;
    }

    /** The path a {$push: "$path"} output reads. */
    private static Optional<List<String>> pushedPath(Accumulator a) {
        return pathOf(a, "$push");
    }

    /** The path an {$addToSet: "$path"} output reads. */
    private static Optional<List<String>> setPath(Accumulator a) {
        return pathOf(a, "$addToSet");
    }

    /** The path a {$sum: "$path"} or {$avg: "$path"} output reads. */
    private static Optional<List<String>> summedPath(Accumulator a) {
        return pathOf(a, "$sum", "$avg");
    }

    /** The path a {$min: "$path"} or {$max: "$path"} output reads. */
    private static Optional<List<String>> extremePath(Accumulator a) {
        return pathOf(a, "$min", "$max");
    }

    /** The field path an output of one of {@code operators} (without n) takes as its argument. */
    private static Optional<List<String>> pathOf(Accumulator a, String... operators) {
        return List.of(operators).contains(a.operator()) && a.n().isEmpty() && isPath(a.argument())
                ? Optional.of(((Expr.FieldRef) a.argument()).path()) : Optional.empty();
    }

    /** The stages after the grouping, as a pipeline. */
    public Pipeline rest() {
        return new Pipeline(after);
    }

    /**
     * The group's output document ({@code _id} from its first document, then each output), or empty
     * when an output cannot be computed here exactly as the $group stage computes it.
     *
     * @param last the group's last document (null unless {@link #last})
     * @param sums one per {@link #valuePaths}, in that order
     * @param extremes one per {@link #extremePaths}, in that order
     * @param pushes per {@link #pushPaths} the values in order as jsonb text, then per {@link #setPaths} the distinct values;
     *     null where one cannot be made here
     */
    Optional<BsonDocument> result(BsonDocument first, BsonDocument last, long documents, List<NumberAgg> sums,
            List<ExtremeAgg> extremes, List<List<String>> pushes) {
        return result(first, last, documents, sums, extremes, pushes, List.of(), List.of());
    }

    /** {@link #result}, with per {@link #conditions} how many of the group's documents passed it, and per {@link #filtered} its aggregate. */
    Optional<BsonDocument> result(BsonDocument first, BsonDocument last, long documents, List<NumberAgg> sums,
            List<ExtremeAgg> extremes, List<List<String>> pushes, List<Long> passed, List<NumberAgg> filteredAggs) {
        BsonValue key = ExprEvaluator.evaluate(group.id(), EvalContext.of(first, group.variables())).orElse(BsonNull.VALUE);
        return withKey(key, first, last, documents, sums, extremes, pushes, passed, filteredAggs);
    }

    /** {@link #result} with the `_id` given (made from the key values where the first document was not read). */
    /** A conditional value's $sum or $avg from its side's aggregate and the count of documents on the other side. */
    private Optional<BsonValue> conditionalValue(Accumulator a, ConditionalValue cv, List<NumberAgg> filteredAggs, List<Long> passed,
            long documents) {
        long pass = passed.get(conditions.indexOf(cv.filtered().condition()));
        long others = cv.filtered().negated() ? pass : documents - pass; // the documents on the constant's side
        NumberAgg side = filteredAggs.get(filtered.indexOf(cv.filtered())); // the other side's integer, if any, once per document there
        NumberAgg agg = cv.otherwise().map(c -> side.plus(NumberAgg.times(c, others))).orElse(side);
        return a.operator().equals("$sum") ? sum(agg) : average(agg);
    }

    private Optional<BsonDocument> withKey(BsonValue key, BsonDocument first, BsonDocument last, long documents, List<NumberAgg> sums,
            List<ExtremeAgg> extremes, List<List<String>> pushes, List<Long> passed, List<NumberAgg> filteredAggs) {
        BsonDocument out = new BsonDocument("_id", key);
        for (Map.Entry<String, Accumulator> e : group.accumulators().entrySet()) {
            Accumulator a = e.getValue();
            Optional<BsonValue> m = multiplier(a);
            Optional<ConditionalCount> cc = conditionalCount(a);
            Optional<ConditionalValue> cv = cc.isPresent() ? Optional.empty() : conditionalValue(a);
            Optional<BsonValue> value = m.isPresent() ? count(m.get(), documents)
                    : cc.isPresent() ? conditionalSum(cc.get(), passed.get(conditions.indexOf(cc.get().condition())), documents)
                    : cv.isPresent() ? conditionalValue(a, cv.get(), filteredAggs, passed, documents)
                    : positional(a) ? Optional.of(positional(a, a.operator().equals("$first") ? first : last))
                    : pushedPath(a).isPresent() ? pushed(pushes.get(pushPaths.indexOf(pushedPath(a).get())))
                    : setPath(a).isPresent() ? distinct(pushes.get(pushPaths.size() + setPaths.indexOf(setPath(a).get())))
                    : a.operator().equals("$sum") ? sum(sums.get(valuePaths.indexOf(summedPath(a).orElseThrow())))
                    : a.operator().equals("$avg") ? average(sums.get(valuePaths.indexOf(summedPath(a).orElseThrow())))
                    : extreme(extremes.get(extremePaths.indexOf(extremePath(a).orElseThrow())), a.operator().equals("$min"));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(e.getKey(), value.get());
        }
        return Optional.of(out);
    }

    /** A $push's array from the values' jsonb text; empty when PostgreSQL found one it cannot give exactly. */
    private static Optional<BsonValue> pushed(List<String> values) {
        if (values == null) {
            return Optional.empty();
        }
        org.bson.BsonArray out = new org.bson.BsonArray(new ArrayList<>(values.size()));
        for (String v : values) {
            out.add(dev.tusk.storage.QueryForm.scalar(v));
        }
        return Optional.of(out);
    }

    /**
     * An $addToSet's array from its distinct values' jsonb text (numbers of one BSON type, so that equal values have one
     * text), in BSON order as the stage keeps them; empty when PostgreSQL found one it cannot give exactly.
     */
    private static Optional<BsonValue> distinct(List<String> values) {
        return pushed(values).map(array -> {
            java.util.TreeSet<BsonValue> sorted = new java.util.TreeSet<>(BsonOrder.COMPARATOR);
            sorted.addAll(array.asArray());
            return new org.bson.BsonArray(new ArrayList<>(sorted));
        });
    }

    /** What a $first ($last) gives when its group's first (last) document is {@code doc}. */
    private BsonValue positional(Accumulator a, BsonDocument doc) {
        AccumulatorState state = a.newState(new BsonDocument(), group.variables(), false);
        state.add(a.argument().evaluate(EvalContext.of(doc, group.variables())));
        return state.result();
    }

    private static Optional<BsonValue> count(BsonValue multiplier, long documents) {
        long each = multiplier.asNumber().longValue();
        if (Math.abs(each) >= LIMIT / Math.max(1, documents)) {
            return Optional.empty(); // near int64's end $sum turns to double; Java does that
        }
        long total = each * documents;
        // $sum keeps an int while every partial sum fits (the partial sums of equal addends grow steadily), an int64 addend makes a long
        return Optional.of(multiplier.isInt32() && total == (int) total ? new BsonInt32((int) total) : new BsonInt64(total));
    }

    /**
     * $sum as {@link NumericSum} computes it, from the exact sum: ints stay int while every partial sum
     * fits, which the exact sum says only when the magnitudes' sum fits too (or the sum itself does not);
     * with a double the double-double running sum is exact, so its result is the exact sum rounded once,
     * while all values are multiples of 2^-maxScale and their magnitudes sum below 2^(100 - maxScale).
     */
    static Optional<BsonValue> sum(NumberAgg a) {
        if (a.special() || (a.types() & 8) != 0) {
            return Optional.empty(); // NaN/infinities and Decimal128 (rounded to 34 digits at each addition) stay in Java
        }
        if (a.numbers() == 0) {
            return Optional.of(new BsonInt32(0));
        }
        if ((a.types() & 4) != 0) {
            return exactDoubles(a) ? Optional.of(new BsonDouble(a.sum().doubleValue())) : Optional.empty();
        }
        if (a.magnitudes().compareTo(INT64_END) >= 0) {
            return Optional.empty(); // an int64 overflow turns the sum to double at an order-dependent point
        }
        long s = a.sum().longValueExact();
        if ((a.types() & 2) != 0 || s != (int) s) {
            return Optional.of(new BsonInt64(s));
        }
        return a.magnitudes().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? Optional.of(new BsonInt32((int) s))
                : Optional.empty(); // a partial sum may have left the int32 range and made it a long
    }

    /** $avg: the sum as a double (rounded once, as above) over how many numbers there were; null without any. */
    static Optional<BsonValue> average(NumberAgg a) {
        if (a.special() || (a.types() & 8) != 0) {
            return Optional.empty();
        }
        if (a.numbers() == 0) {
            return Optional.of(BsonNull.VALUE);
        }
        if ((a.types() & 4) != 0) {
            return exactDoubles(a) ? Optional.of(new BsonDouble(a.sum().doubleValue() / a.numbers())) : Optional.empty();
        }
        if (a.magnitudes().compareTo(INT64_END) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new BsonDouble((double) a.sum().longValueExact() / a.numbers()));
    }

    /**
     * $min/$max where the values say it alone: null when there were none; when all were numbers of one
     * BSON type (int32, int64 or double: equal values of two types would make the result the first one
     * seen), that type's least or greatest; when all were dates, the least or greatest. Anything else
     * (other types, mixed types, Decimal128 whose representation the query form does not keep, a double
     * zero whose sign it does not keep) declines.
     */
    static Optional<BsonValue> extreme(ExtremeAgg a, boolean min) {
        if (a.values() == 0) {
            return Optional.of(BsonNull.VALUE);
        }
        if (a.values() == a.dates()) {
            return Optional.of(new org.bson.BsonDateTime(min ? a.minDate() : a.maxDate()));
        }
        if (a.values() != a.numbers() || Integer.bitCount(a.types()) != 1) {
            return Optional.empty();
        }
        BigDecimal v = min ? a.minNumber() : a.maxNumber();
        return switch (a.types()) {
            case 1 -> Optional.of(new BsonInt32(v.intValueExact()));
            case 2 -> Optional.of(new BsonInt64(v.longValueExact()));
            case 4 -> v.signum() == 0 ? Optional.empty() : Optional.of(new BsonDouble(v.doubleValue()));
            default -> Optional.empty();
        };
    }

    private static boolean exactDoubles(NumberAgg a) {
        return a.magnitudes().multiply(BigDecimal.valueOf(2).pow(a.maxScale())).compareTo(EXACT_DOUBLE_SUM) < 0;
    }

    /** Group outputs in the order the $group stage gives them: by `_id`, in BSON order. */
    private static final Comparator<BsonDocument> ORDER = Comparator.comparing(d -> d.get("_id"), BsonOrder.COMPARATOR);
}
