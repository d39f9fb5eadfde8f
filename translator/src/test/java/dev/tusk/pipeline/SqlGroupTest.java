package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Which $group stages PostgreSQL may compute, and the documents their counts and sums make (as the $group stage would). */
class SqlGroupTest {
    private static Optional<SqlGroup> of(String pipeline) {
        return Pipeline.parse(BsonArray.parse(pipeline)).sqlGroup();
    }

    @Test
    void countingGroupsOnFieldPathsQualify() {
        SqlGroup g = of("[{$match: {a: 1}}, {$group: {_id: '$a.b', n: {$sum: 1}, m: {$count: {}}}}, {$limit: 2}]").orElseThrow();
        assertEquals(List.of(List.of("a", "b")), g.keyPaths());
        assertTrue(g.single());
        assertEquals(1, g.rest().stages().size());
        SqlGroup doc = of("[{$group: {_id: {x: '$x', y: '$$ROOT.y.z'}}}]").orElseThrow();
        assertEquals(List.of(List.of("x"), List.of("y", "z")), doc.keyPaths());
        assertFalse(doc.single());
        SqlGroup sortByCount = of("[{$sortByCount: '$k'}]").orElseThrow();
        assertTrue(sortByCount.rest().stages().get(0) instanceof SortStage, "its sort runs after the grouping");
    }

    @Test
    void aConstantKeyIsOneGroupOfAllDocuments() {
        SqlGroup g = of("[{$group: {_id: null, total: {$sum: '$x'}, n: {$sum: 1}}}]").orElseThrow();
        assertEquals(List.of(), g.keyPaths());
        assertEquals(BsonDocument.parse("{_id: null, total: 6, n: 3}"),
                g.result(BsonDocument.parse("{_id: 1, x: 1}"), null, 3, List.of(agg("6", 3, 1, "6", 0)), List.of(), List.of()).orElseThrow());
    }

    @Test
    void otherGroupsDoNot() {
        declined(
                "[{$group: {_id: '$a', s: {$sum: {$add: ['$x', 1]}}}}]",
                "[{$group: {_id: '$a', s: {$min: {$abs: '$x'}}}}]",
                "[{$group: {_id: '$a', s: {$sum: 1.5}}}]",
                "[{$group: {_id: '$a', f: {$first: {$add: ['$x', 1]}}}}]",
                "[{$group: {_id: '$a', f: {$firstN: {input: '$x', n: 2}}}}]",
                "[{$group: {_id: '$a', f: {$push: {$add: ['$x', 1]}}}}]",
                "[{$group: {_id: '$a', f: {$addToSet: {$toLower: '$x'}}}}]",
                "[{$sort: {t: 1}}, {$group: {_id: '$a', f: {$push: '$x'}}}]",
                "[{$group: {_id: {$toLower: '$a'}, n: {$sum: 1}}}]",
                "[{$group: {_id: '$$ROOT', n: {$sum: 1}}}]",
                "[{$group: {_id: {}, n: {$sum: 1}}}]",
                "[{$group: {_id: {a: '$a', b: 1}, n: {$sum: 1}}}]",
                "[{$skip: 0}, {$group: {_id: '$a', n: {$sum: 1}}}]",
                "[{$match: {}}, {$project: {b: 1}}, {$group: {_id: '$a', n: {$sum: 1}}}]");
    }

    @Test
    void countsAreTypedAsSumWouldType() {
        SqlGroup g = of("[{$group: {_id: '$k', n: {$sum: 1}, long: {$sum: {$numberLong: '1'}}, neg: {$sum: -3}}}]").orElseThrow();
        BsonDocument first = BsonDocument.parse("{_id: 7, k: {$numberLong: '5'}}");
        assertEquals(BsonDocument.parse("{_id: {$numberLong: '5'}, n: 4, long: {$numberLong: '4'}, neg: -12}"), g.result(first, null, 4, List.of(), List.of(), List.of()).orElseThrow());
        assertEquals(BsonDocument.parse("{_id: {$numberLong: '5'}, n: {$numberLong: '3000000000'}, long: {$numberLong: '3000000000'},"
                + " neg: {$numberLong: '-9000000000'}}"), g.result(first, null, 3_000_000_000L, List.of(), List.of(), List.of()).orElseThrow());
        assertEquals(BsonDocument.parse("{_id: null, n: 1, long: {$numberLong: '1'}, neg: -3}"), g.result(BsonDocument.parse("{_id: 1}"), null, 1, List.of(), List.of(), List.of())
                .orElseThrow(), "a missing key is null");
        assertTrue(g.result(first, null, 1L << 61, List.of(), List.of(), List.of()).isEmpty(), "near int64's end the group runs in Java");
    }

    @Test
    void firstAndLastAreTheirValuesOnTheFirstAndLastDocument() {
        SqlGroup g = of("[{$group: {_id: '$k', f: {$first: '$x'}, l: {$last: '$x.y'}, r: {$last: '$$ROOT'}, c: {$first: 'c'}}}]")
                .orElseThrow();
        assertTrue(g.last(), "the statement finds each group's last document");
        BsonDocument first = BsonDocument.parse("{_id: 1, k: 'a', x: {y: 1}}");
        BsonDocument last = BsonDocument.parse("{_id: 9, k: 'a'}");
        assertEquals(BsonDocument.parse("{_id: 'a', f: {y: 1}, l: null, r: {_id: 9, k: 'a'}, c: 'c'}"),
                g.result(first, last, 2, List.of(), List.of(), List.of()).orElseThrow(), "missing is null, as $first/$last give it");
        assertFalse(of("[{$group: {_id: '$k', f: {$first: '$x'}}}]").orElseThrow().last(), "no $last: no last document");
    }

    @Test
    void aSortOnTopLevelFieldsMayComeFirst() {
        SqlGroup g = of("[{$sort: {t: -1, u: 1}}, {$group: {_id: '$k', f: {$first: '$$ROOT'}}}, {$limit: 1}]").orElseThrow();
        assertEquals(2, g.order().orElseThrow().keys().size());
        assertEquals(1, g.rest().stages().size(), "the $limit runs after the grouping");
        declined("[{$sort: {'t.u': 1}}, {$group: {_id: '$k', f: {$first: '$x'}}}]",
                "[{$sort: {t: 1}}, {$sortByCount: '$k'}]", "[{$sort: {t: 1}}, {$limit: 3}, {$group: {_id: '$k', f: {$first: '$x'}}}]",
                "[{$sort: {t: 1}}, {$group: {_id: '$k', f: {$push: '$x'}}}]");
    }

    @Test
    void anUnwindMayComeFirst() {
        SqlGroup tags = of("[{$unwind: '$tags'}, {$group: {_id: '$tags', n: {$sum: 1}, s: {$sum: '$tags.w'}, m: {$max: '$x'}}}]").orElseThrow();
        assertEquals(List.of("tags"), tags.unwindPath());
        assertEquals(java.util.Optional.of(List.of()), tags.underUnwind(List.of("tags")));
        assertEquals(java.util.Optional.of(List.of("w")), tags.underUnwind(List.of("tags", "w")));
        assertTrue(tags.underUnwind(List.of("x")).isEmpty(), "read from the document");
        assertTrue(of("[{$unwind: '$a.b'}, {$sortByCount: '$a.b.c'}]").isPresent());
        assertTrue(of("[{$unwind: {path: '$t', preserveNullAndEmptyArrays: true}}, {$group: {_id: '$t', n: {$sum: 1}}}]").isPresent());
        SqlGroup counted = of("[{$unwind: '$t'}, {$count: 'n'}]").orElseThrow();
        assertEquals(List.of(BsonDocument.parse("{n: 7}")), run(counted.rest(), counted.result(BsonDocument.parse("{_id: 1}"), null, 7,
                List.of(), List.of(), List.of()).orElseThrow()), "$count: a $group of all documents, then the count alone");
        declined("[{$unwind: '$t'}, {$count: '_id'}]");
        declined("[{$unwind: '$a.b'}, {$group: {_id: '$a', n: {$sum: 1}}}]",
                "[{$unwind: {path: '$t', includeArrayIndex: 'i'}}, {$group: {_id: '$t', n: {$sum: 1}}}]",
                "[{$unwind: '$t'}, {$sort: {x: 1}}, {$group: {_id: '$t', n: {$sum: 1}}}]",
                "[{$unwind: '$t'}, {$unwind: '$u'}, {$group: {_id: '$t', n: {$sum: 1}}}]",
                "[{$unwind: '$tags'}, {$project: {g: 1}}, {$group: {_id: '$g', n: {$sum: 1}}}]",
                "[{$unwind: '$tags'}, {$set: {t: '$tags'}}, {$group: {_id: '$t', n: {$sum: 1}}}]");
    }

    @Test
    void projectionsThatKeepOrRenameThePathsMayComeFirst() {
        SqlGroup g = of("[{$project: {cat: '$category', amount: 1, 'd.e': 1}}, {$set: {two: '$amount', c: 'constant'}}, {$unset: 'z'},"
                + " {$group: {_id: '$cat', s: {$sum: '$two'}, m: {$max: '$d.e'}, f: {$first: '$$ROOT'}}}]").orElseThrow();
        assertEquals(3, g.reshapes().size());
        assertEquals(java.util.Optional.of(List.of("category")), g.source(List.of("cat")));
        assertEquals(java.util.Optional.of(List.of("amount")), g.source(List.of("two")));
        assertEquals(java.util.Optional.of(List.of("d", "e")), g.source(List.of("d", "e")));
        SqlGroup sorted = of("[{$project: {t: '$when', k: 1}}, {$sort: {t: -1}}, {$group: {_id: '$k', f: {$first: '$t'}}}]").orElseThrow();
        assertEquals("when", sorted.storedOrder().orElseThrow().keys().get(0).path().get(0));
        declined("[{$project: {cat: {$toUpper: '$category'}}}, {$group: {_id: '$cat', n: {$sum: 1}}}]",
                "[{$project: {cat: 1, z: {$divide: ['$a', 0]}}}, {$group: {_id: '$cat', n: {$sum: 1}}}]",
                "[{$project: {cat: 1}}, {$group: {_id: '$dropped', n: {$sum: 1}}}]",
                "[{$unset: 'cat'}, {$group: {_id: '$cat', n: {$sum: 1}}}]",
                "[{$set: {cat: 'x'}}, {$group: {_id: '$cat', n: {$sum: 1}}}]",
                "[{$project: {'a.b': 1}}, {$group: {_id: '$a', n: {$sum: 1}}}]",
                "[{$project: {t: '$a.b'}}, {$sort: {t: 1}}, {$group: {_id: null, f: {$first: '$t'}}}]");
        SqlGroup firsts = of("[{$project: {k: 1, x: '$y'}}, {$group: {_id: '$k', f: {$first: '$$ROOT'}}}]").orElseThrow();
        BsonDocument out = firsts.outputs(List.of(new SqlGroup.Group(1, false, List.of(raw("{_id: 1, k: 'a', y: 2, z: 3}")), List.of(),
                List.of(), List.of()))).orElseThrow().get(0);
        assertEquals(BsonDocument.parse("{_id: 'a', f: {_id: 1, k: 'a', x: 2}}"), out, "Java applies the $project to the first document");
    }

    @Test
    void datePartsOfPathsAreKeysToo() {
        SqlGroup g = of("[{$group: {_id: {y: {$year: '$d'}, w: {$isoWeek: ['$d']}, k: '$k'}, n: {$sum: 1}}}]").orElseThrow();
        assertEquals(List.of(List.of("d"), List.of("d"), List.of("k")), g.keyPaths());
        assertEquals(java.util.Optional.of("$year"), g.keyPart(0));
        assertEquals(java.util.Optional.of("$isoWeek"), g.keyPart(1));
        assertTrue(g.keyPart(2).isEmpty());
        assertEquals(java.util.Optional.of("$hour"), of("[{$group: {_id: {$hour: {date: '$d'}}}}]").orElseThrow().keyPart(0));
        declined("[{$group: {_id: {$year: {date: '$d', timezone: 'Europe/Paris'}}}}]", "[{$group: {_id: {$year: '$$NOW'}}}]",
                "[{$group: {_id: {$dateToString: {date: '$d', format: '%Y', timezone: 'UTC'}}}}]",
                "[{$group: {_id: {$dateToString: {date: '$d', format: '%Y', timezone: null}}}}]",
                "[{$group: {_id: {$dateToString: {date: '$d'}}}}]",
                "[{$group: {_id: {$dateToString: {date: '$d', format: '$f'}}}}]",
                "[{$group: {_id: {$dateToString: {date: '$d', format: '%Y', onNull: '$k'}}}}]");
        SqlGroup daily = of("[{$group: {_id: {$dateToString: {date: '$d', format: '%Y-%m-%d %%%z', onNull: 'none'}}}}]").orElseThrow();
        assertEquals(java.util.Optional.of("$dateToString"), daily.keyPart(0));
        assertEquals(java.util.Optional.of(List.of("$year", "$month", "$dayOfMonth")), daily.keyFormatParts(0));
        assertTrue(g.keyFormatParts(0).isEmpty());
        SqlGroup monthly = of("[{$group: {_id: {$dateTrunc: {date: '$d', unit: 'month'}}, n: {$sum: 1}}}]").orElseThrow();
        assertEquals(java.util.Optional.of(List.of("$year", "$month")), monthly.keyFormatParts(0));
        declined("[{$group: {_id: {$dateTrunc: {date: '$d', unit: 'week'}}}}]",
                "[{$group: {_id: {$dateTrunc: {date: '$d', unit: 'day', binSize: 7}}}}]",
                "[{$group: {_id: {$dateTrunc: {date: '$d', unit: 'day', timezone: null}}}}]",
                "[{$group: {_id: {$dateTrunc: {date: '$d', unit: '$u'}}}}]");
    }

    @Test
    void conditionalCountsAreCountsOfDocumentsPassingAnEquality() {
        SqlGroup g = of("[{$group: {_id: '$k', paid: {$sum: {$cond: [{$eq: ['$status', 'paid']}, 1, 0]}},"
                + " open: {$sum: {$cond: {if: {$ne: ['paid', '$status']}, then: 1, else: 0}}},"
                + " big: {$sum: {$cond: [{$eq: ['$n', 5]}, 2147483647, 0]}}}}]").orElseThrow();
        assertEquals(List.of(new SqlGroup.Condition(List.of("status"), new org.bson.BsonString("paid")),
                new SqlGroup.Condition(List.of("n"), new org.bson.BsonInt32(5))), g.conditions());
        SqlGroup.Group group = new SqlGroup.Group(5, false, List.of(raw("{_id: 1, k: 'a'}")), List.of(), List.of(), List.of(), 0, 0,
                List.of(), List.of(), List.of(), List.of(3L, 2L), List.of());
        assertEquals(BsonDocument.parse("{_id: 'a', paid: 3, open: 2, big: {$numberLong: '4294967294'}}"),
                g.outputs(List.of(group)).orElseThrow().get(0), "2 × 2147483647 passes int32: a long, as $sum makes it");
        declined("[{$group: {_id: '$k', s: {$sum: {$cond: [{$gt: ['$x', 5]}, 1, 0]}}}}]",
                "[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$x', null]}, 1, 0]}}}}]",
                "[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$x', {$numberDecimal: '1'}]}, 1, 0]}}}}]",
                "[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$x', '$y']}, 1, 0]}}}}]",
                "[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$x', 1]}, 1.5, 0]}}}}]",
                "[{$group: {_id: '$k', s: {$avg: {$cond: [{$eq: ['$x', 1]}, 1, 0]}}}}]");
    }

    @Test
    void conditionalValuesArePathsOverOneSideOfATest() {
        SqlGroup g = of("[{$group: {_id: '$k', paid: {$sum: {$cond: [{$eq: ['$status', 'paid']}, '$amount', 0]}},"
                + " unpaidAvg: {$avg: {$cond: [{$eq: ['$status', 'paid']}, '$$REMOVE', '$amount']}}}}]").orElseThrow();
        SqlGroup.Condition paid = new SqlGroup.Condition(List.of("status"), new org.bson.BsonString("paid"));
        assertEquals(List.of(paid), g.conditions());
        assertEquals(List.of(new SqlGroup.Filtered(paid, false, List.of("amount")), new SqlGroup.Filtered(paid, true, List.of("amount"))),
                g.filtered());
        assertEquals(List.of(List.of("amount")), g.valuePaths());
        // 5 documents, 3 paid: amounts 10 + 20 + 30 (int32) on the paid side, 7 + 9 on the other
        SqlGroup.NumberAgg paidSide = new SqlGroup.NumberAgg(java.math.BigDecimal.valueOf(60), 3, 1, java.math.BigDecimal.valueOf(60), 0, false);
        SqlGroup.NumberAgg otherSide = new SqlGroup.NumberAgg(java.math.BigDecimal.valueOf(16), 2, 1, java.math.BigDecimal.valueOf(16), 0, false);
        SqlGroup.Group group = new SqlGroup.Group(5, false, List.of(raw("{_id: 1, k: 'a'}")), List.of(), List.of(
                new SqlGroup.NumberAgg(java.math.BigDecimal.valueOf(76), 5, 1, java.math.BigDecimal.valueOf(76), 0, false)), List.of(), 0, 0,
                List.of(), List.of(), List.of(), List.of(3L), List.of(paidSide, otherSide));
        assertEquals(BsonDocument.parse("{_id: 'a', paid: 60, unpaidAvg: 8.0}"), g.outputs(List.of(group)).orElseThrow().get(0),
                "the unpaid side's zeros are no numbers to $avg when the other branch is $$REMOVE");
        declined("[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$status', 'paid']}, '$amount', '$other']}}}}]",
                "[{$group: {_id: '$k', s: {$sum: {$cond: [{$eq: ['$status', 'paid']}, '$amount', 1.5]}}}}]",
                "[{$group: {_id: '$k', s: {$max: {$cond: [{$eq: ['$status', 'paid']}, '$amount', 0]}}}}]");
    }

    @Test
    void bucketsOfNumbersAreRangesOfAPath() {
        SqlGroup b = of("[{$bucket: {groupBy: '$x.y', boundaries: [0, 10.5, {$numberLong: '100'}], default: 'other',"
                + " output: {n: {$sum: 1}, s: {$sum: '$v'}}}}]").orElseThrow();
        assertEquals(List.of(List.of("x", "y")), b.keyPaths());
        assertEquals(java.util.Optional.of(new SqlGroup.Bucket(List.of("x", "y"),
                List.of(java.math.BigDecimal.ZERO, new java.math.BigDecimal("10.5"), java.math.BigDecimal.valueOf(100)), true)), b.keyBucket(0));
        assertEquals(1, b.after().size(), "the bucket's sort by _id runs after the grouping");
        SqlGroup noDefault = of("[{$bucket: {groupBy: '$x', boundaries: [1, 2]}}]").orElseThrow();
        assertFalse(noDefault.keyBucket(0).orElseThrow().hasDefault());
        declined("[{$bucket: {groupBy: {$add: ['$x', 1]}, boundaries: [1, 2]}}]",
                "[{$bucket: {groupBy: '$x', boundaries: ['a', 'b']}}]",
                "[{$bucket: {groupBy: '$x', boundaries: [{$numberDecimal: '1'}, {$numberDecimal: '2'}]}}]",
                "[{$bucket: {groupBy: '$x', boundaries: [1, 2], output: {a: {$mergeObjects: '$o'}}}}]");
    }

    @Test
    void afterAnUnwindTheFirstAndLastAreElementsOfTheirDocuments() {
        SqlGroup g = of("[{$unwind: '$t'}, {$group: {_id: '$t', f: {$first: '$$ROOT'}, l: {$last: '$t'}}}]").orElseThrow();
        List<byte[]> first = List.of(raw("{_id: 1, t: ['a', 'b', 'c']}"));
        List<byte[]> last = List.of(raw("{_id: 2, t: ['x', 'y']}"));
        BsonDocument out = g.outputs(List.of(new SqlGroup.Group(2, false, first, last, List.of(), List.of(), 1, 0))).orElseThrow().get(0);
        assertEquals(BsonDocument.parse("{_id: 'b', f: {_id: 1, t: 'b'}, l: 'x'}"), out);
    }

    @Test
    void addToSetGivesTheDistinctValuesInBsonOrder() {
        SqlGroup g = of("[{$group: {_id: null, s: {$addToSet: '$x'}, p: {$push: '$y'}}}]").orElseThrow();
        assertEquals(List.of(List.of("x")), g.setPaths());
        List<List<String>> texts = java.util.Arrays.asList(List.of("\"b\""), List.of("\"b\"", "2", "\"a\"", "1", "true"));
        assertEquals(BsonDocument.parse("{_id: null, s: [1, 2, 'a', 'b', true], p: ['b']}"),
                g.result(BsonDocument.parse("{_id: 1}"), null, 5, List.of(), List.of(), texts).orElseThrow(), "after the $push values");
        assertTrue(g.result(BsonDocument.parse("{_id: 1}"), null, 5, List.of(), List.of(), java.util.Arrays.asList(List.of(), null)).isEmpty(),
                "a value Java cannot make: the pipeline runs in Java");
        assertTrue(of("[{$sort: {t: 1}}, {$group: {_id: null, s: {$addToSet: '$x'}}}]").isPresent(), "a set's order is its own");
    }

    @Test
    void anEqualityLookupAndTheUnwindOfItsMatchesMayComeFirst() {
        SqlGroup g = of("[{$match: {x: 1}}, {$project: {who: '$customerId', x: 1}}, {$lookup: {from: 'customers', localField: 'who',"
                + " foreignField: 'code.id', as: 'c'}}, {$unwind: '$c'}, {$group: {_id: '$c.tier', n: {$sum: 1}, s: {$sum: '$x'}}}]")
                .orElseThrow();
        assertEquals(List.of("customerId"), g.source(g.localPath()).orElseThrow(), "localField read through the $project");
        assertEquals(List.of("code", "id"), g.foreignPath());
        assertEquals(Optional.of(List.of("tier")), g.underUnwind(List.of("c", "tier")), "read from the foreign document");
        assertTrue(g.underUnwind(List.of("x")).isEmpty());
        assertTrue(of("[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$unwind: {path: '$j', preserveNullAndEmptyArrays: true}},"
                + " {$group: {_id: '$j.t', n: {$sum: 1}}}]").isPresent(), "unmatched documents are kept");
        declined("[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$unwind: {path: '$j', includeArrayIndex: 'i'}},"
                + " {$group: {_id: '$j.t', n: {$sum: 1}}}]");
        declined("[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$group: {_id: '$j', n: {$sum: 1}}}]",
                "[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$unwind: '$k'}, {$group: {_id: '$j', n: {$sum: 1}}}]",
                "[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j.k'}}, {$unwind: '$j.k'}, {$group: {_id: '$j.k.t', n: {$sum: 1}}}]",
                "[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j', pipeline: [{$match: {x: 1}}]}}, {$unwind: '$j'},"
                        + " {$group: {_id: '$j.t', n: {$sum: 1}}}]",
                "[{$lookup: {from: 'c', pipeline: [], as: 'j'}}, {$unwind: '$j'}, {$group: {_id: '$j.t', n: {$sum: 1}}}]",
                "[{$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$unwind: '$j'}, {$sort: {x: 1}},"
                        + " {$group: {_id: '$j.t', n: {$sum: 1}}}]",
                "[{$project: {b: 1}}, {$lookup: {from: 'c', localField: 'a', foreignField: 'b', as: 'j'}}, {$unwind: '$j'},"
                        + " {$group: {_id: '$j.t', n: {$sum: 1}}}]");
    }

    @Test
    void afterALookupTheFirstAndLastAreTheLocalDocumentWithItsMatch() {
        SqlGroup g = of("[{$lookup: {from: 'c', localField: 'a', foreignField: '_id', as: 'j'}}, {$unwind: '$j'},"
                + " {$group: {_id: '$j.t', f: {$first: '$$ROOT'}, l: {$last: '$j._id'}}}]").orElseThrow();
        List<byte[]> first = List.of(raw("{_id: 1, a: 7, j: 'replaced'}"), raw("{_id: 7, t: 'x'}"));
        List<byte[]> last = List.of(raw("{_id: 2, a: 8}"), raw("{_id: 8, t: 'x'}"));
        BsonDocument out = g.outputs(List.of(new SqlGroup.Group(2, false, first, last, List.of(), List.of()))).orElseThrow().get(0);
        assertEquals(BsonDocument.parse("{_id: 'x', f: {_id: 1, a: 7, j: {_id: 7, t: 'x'}}, l: 8}"), out);
        assertTrue(g.outputs(List.of(new SqlGroup.Group(2, false, first, List.of(), List.of(), List.of()))).isEmpty(),
                "a row that was not read: Java runs the pipeline");
        SqlGroup kept = of("[{$lookup: {from: 'c', localField: 'a', foreignField: '_id', as: 'j'}}, {$unwind: {path: '$j',"
                + " preserveNullAndEmptyArrays: true}}, {$group: {_id: '$j.t', f: {$first: '$$ROOT'}}}]").orElseThrow();
        List<byte[]> unmatched = java.util.Arrays.asList(raw("{_id: 3, a: 9, j: 'replaced'}"), null);
        assertEquals(BsonDocument.parse("{_id: null, f: {_id: 3, a: 9}}"),
                kept.outputs(List.of(new SqlGroup.Group(1, false, unmatched, List.of(), List.of(), List.of()))).orElseThrow().get(0),
                "no match, kept without its `as`");
    }

    @Test
    void afterASortJavaPicksTheFirstAndLastAmongTiedCandidates() {
        SqlGroup g = of("[{$sort: {t: 1}}, {$group: {_id: '$k', f: {$first: '$x'}, l: {$last: '$x'}}}]").orElseThrow();
        List<byte[]> candidates = List.of(raw("{_id: 1, k: 'a', t: {b: 2}, x: 'one'}"), raw("{_id: 2, k: 'a', t: {b: 1}, x: 'two'}"),
                raw("{_id: 3, k: 'a', t: {b: 1}, x: 'three'}"));
        List<BsonDocument> out = g.outputs(List.of(new SqlGroup.Group(3, false, candidates, candidates, List.of(), List.of())))
                .orElseThrow();
        assertEquals(BsonDocument.parse("{_id: 'a', f: 'two', l: 'one'}"), out.get(0), "ties keep `_key` order, as a stable sort");
        assertTrue(g.outputs(List.of(new SqlGroup.Group(3, false, null, candidates, List.of(), List.of()))).isEmpty(),
                "too many candidates: Java runs the pipeline");
    }

    private static List<BsonDocument> run(Pipeline p, BsonDocument input) {
        List<BsonDocument> out = new java.util.ArrayList<>();
        p.run(List.of(input).iterator()).forEachRemaining(out::add);
        return out;
    }

    private static byte[] raw(String json) {
        org.bson.RawBsonDocument doc = new org.bson.RawBsonDocument(BsonDocument.parse(json), new org.bson.codecs.BsonDocumentCodec());
        return java.util.Arrays.copyOf(doc.getByteBuffer().array(), doc.getByteBuffer().remaining());
    }

    /** Each pipeline's $group stays in Java. */
    private static void declined(String... pipelines) {
        for (String p : pipelines) {
            assertTrue(of(p).isEmpty(), p);
        }
    }

    private static SqlGroup.NumberAgg agg(String sum, long numbers, int types, String magnitudes, int maxScale) {
        return new SqlGroup.NumberAgg(new java.math.BigDecimal(sum), numbers, types, new java.math.BigDecimal(magnitudes), maxScale, false);
    }

    @Test
    void sumsAndAveragesOfPathsQualify() {
        SqlGroup g = of("[{$group: {_id: '$k', s: {$sum: '$x'}, a: {$avg: '$x'}, t: {$sum: '$y.z'}}}]").orElseThrow();
        assertEquals(List.of(List.of("x"), List.of("y", "z")), g.valuePaths());
        BsonDocument out = g.result(BsonDocument.parse("{_id: 1, k: 'a'}"), null, 3,
                List.of(agg("6", 3, 1, "6", 0), agg("0", 0, 0, "0", 0)), List.of(), List.of()).orElseThrow();
        assertEquals(BsonDocument.parse("{_id: 'a', s: 6, a: 2.0, t: 0}"), out);
    }

    @Test
    void sumsAreTypedAndRoundedAsNumericSumDoes() {
        // int32 only: an int while the magnitudes fit, a long when the sum itself does not fit
        assertEquals(new org.bson.BsonInt32(-5), SqlGroup.sum(agg("-5", 3, 1, "9", 0)).orElseThrow());
        assertEquals(new org.bson.BsonInt64(3_000_000_000L), SqlGroup.sum(agg("3000000000", 2, 1, "3000000000", 0)).orElseThrow());
        assertTrue(SqlGroup.sum(agg("1", 3, 1, "4294967297", 0)).isEmpty(), "a partial sum may have been a long");
        assertEquals(new org.bson.BsonInt64(1), SqlGroup.sum(agg("1", 2, 3, "3", 1)).orElseThrow(), "an int64 makes a long");
        assertTrue(SqlGroup.sum(agg("1", 2, 2, "9223372036854775809", 1)).isEmpty(), "an int64 overflow turns to double in Java");
        // doubles: the exact sum rounded once, while double-double summation is exact
        assertEquals(new org.bson.BsonDouble(0.30000000000000004), SqlGroup.sum(agg(
                "0.3000000000000000166533453693773481063544750213623046875", 2, 4, "0.3000000000000000166533453693773481063544750213623046875", 56))
                .orElseThrow());
        assertTrue(SqlGroup.sum(agg("1", 2, 4, "1e30", 1074)).isEmpty(), "magnitudes too far apart for double-double");
        assertTrue(SqlGroup.sum(agg("1", 2, 8, "1", 3)).isEmpty(), "Decimal128 stays in Java");
        assertTrue(SqlGroup.sum(new SqlGroup.NumberAgg(java.math.BigDecimal.ONE, 1, 4, java.math.BigDecimal.ONE, 2, true)).isEmpty(),
                "NaN and infinities stay in Java");
        assertEquals(new org.bson.BsonInt32(0), SqlGroup.sum(agg("0", 0, 0, "0", 0)).orElseThrow());
        assertEquals(org.bson.BsonNull.VALUE, SqlGroup.average(agg("0", 0, 0, "0", 0)).orElseThrow());
        assertEquals(new org.bson.BsonDouble(2.5), SqlGroup.average(agg("5", 2, 3, "5", 1)).orElseThrow());
    }

    private static SqlGroup.ExtremeAgg extremes(long values, long numbers, int types, String min, String max, long dates) {
        return new SqlGroup.ExtremeAgg(values, numbers, types, new java.math.BigDecimal(min), new java.math.BigDecimal(max), dates, 5, 9);
    }

    @Test
    void minAndMaxOfOneTypeOrDates() {
        SqlGroup g = of("[{$group: {_id: '$k', lo: {$min: '$x'}, hi: {$max: '$x'}, s: {$sum: '$x'}}}]").orElseThrow();
        assertEquals(List.of(List.of("x")), g.extremePaths());
        assertEquals(List.of(List.of("x")), g.valuePaths());
        assertEquals(new org.bson.BsonInt32(-3), SqlGroup.extreme(extremes(4, 4, 1, "-3", "7", 0), true).orElseThrow());
        assertEquals(new org.bson.BsonInt64(7), SqlGroup.extreme(extremes(4, 4, 2, "-3", "7", 0), false).orElseThrow());
        assertEquals(new org.bson.BsonDouble(0.5), SqlGroup.extreme(extremes(2, 2, 4, "0.50", "2.50", 0), true).orElseThrow());
        assertEquals(new org.bson.BsonDateTime(9), SqlGroup.extreme(extremes(3, 0, 0, "0", "0", 3), false).orElseThrow());
        assertEquals(org.bson.BsonNull.VALUE, SqlGroup.extreme(extremes(0, 0, 0, "0", "0", 0), true).orElseThrow());
        assertTrue(SqlGroup.extreme(extremes(4, 4, 3, "1", "2", 0), true).isEmpty(), "equal int32 and int64: the first one seen wins");
        assertTrue(SqlGroup.extreme(extremes(4, 3, 1, "1", "2", 0), true).isEmpty(), "a string or another type among numbers");
        assertTrue(SqlGroup.extreme(extremes(2, 2, 8, "1", "2", 0), true).isEmpty(), "Decimal128");
        assertTrue(SqlGroup.extreme(extremes(2, 2, 4, "0", "2", 0), true).isEmpty(), "the sign of a double zero");
    }
}
