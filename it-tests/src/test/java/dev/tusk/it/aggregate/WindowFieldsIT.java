package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BucketOptions;
import com.mongodb.client.model.MongoTimeUnit;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.QuantileMethod;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WindowOutputFields;
import com.mongodb.client.model.Windows;
import com.mongodb.client.MongoCollection;
import dev.tusk.it.support.TuskTestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The $group accumulators of 7.0 and $setWindowFields with document and range windows, through the driver's builders. */
class WindowFieldsIT {
    private final MongoCollection<Document> cakes = TuskTestServer.client().getDatabase("window_fields_it").getCollection("cakeSales");

    private static Document cake(int id, String type, String date, String state, int price, int quantity) {
        return new Document("_id", id).append("type", type).append("orderDate", Date.from(Instant.parse(date))).append("state", state)
                .append("price", price).append("quantity", quantity);
    }

    @BeforeEach
    void load() {
        cakes.drop();
        cakes.insertMany(List.of(
                cake(0, "chocolate", "2020-05-18T14:10:30Z", "CA", 13, 120),
                cake(1, "chocolate", "2021-03-20T11:30:05Z", "WA", 14, 140),
                cake(2, "vanilla", "2021-01-11T06:31:15Z", "CA", 12, 145),
                cake(3, "vanilla", "2020-02-08T13:13:23Z", "WA", 13, 104),
                cake(4, "strawberry", "2019-05-18T16:09:01Z", "CA", 41, 162),
                cake(5, "strawberry", "2019-01-08T06:12:03Z", "WA", 43, 134)));
    }

    @Test
    void groupWithTheNewAccumulators() {
        List<Document> out = cakes.aggregate(List.of(
                Aggregates.sort(Sorts.ascending("_id")),
                Aggregates.group("$state",
                        Accumulators.topN("topTwo", Sorts.descending("quantity"), "$_id", 2),
                        Accumulators.bottom("leastSold", Sorts.descending("quantity"), "$type"),
                        Accumulators.firstN("firstIds", "$_id", 2),
                        Accumulators.maxN("maxPrices", "$price", 2),
                        Accumulators.mergeObjects("types", new Document("$arrayToObject",
                                List.of(List.of(List.of("$type", "$quantity"))))),
                        Accumulators.stdDevPop("spread", "$price"),
                        Accumulators.median("medianQuantity", "$quantity", QuantileMethod.approximate()),
                        Accumulators.percentile("quantiles", "$quantity", List.of(0.5, 1.0), QuantileMethod.approximate())),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertEquals(2, out.size());
        Document ca = out.get(0);
        assertEquals("CA", ca.getString("_id"));
        assertEquals(List.of(4, 2), ca.getList("topTwo", Integer.class));
        assertEquals("chocolate", ca.getString("leastSold"));
        assertEquals(List.of(0, 2), ca.getList("firstIds", Integer.class));
        assertEquals(List.of(41, 13), ca.getList("maxPrices", Integer.class));
        assertEquals(new Document("chocolate", 120).append("vanilla", 145).append("strawberry", 162), ca.get("types", Document.class));
        assertEquals(13.4412301024373, ca.getDouble("spread"));
        assertEquals(145.0, ca.getDouble("medianQuantity"));
        assertEquals(List.of(145.0, 162.0), ca.getList("quantiles", Double.class));
        assertEquals(List.of(1, 5), out.get(1).getList("topTwo", Integer.class));
    }

    @Test
    void bucketWithTheNewAccumulators() {
        List<Document> out = cakes.aggregate(List.of(Aggregates.bucket("$price", List.of(0, 20, 50),
                new BucketOptions().output(Accumulators.minN("cheapest", "$price", 2),
                        Accumulators.median("medianQuantity", "$quantity", QuantileMethod.approximate()))))).into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", 0).append("cheapest", List.of(12, 13)).append("medianQuantity", 120.0),
                new Document("_id", 20).append("cheapest", List.of(41, 43)).append("medianQuantity", 134.0)), out);
    }

    @Test
    void documentWindows() {
        List<Document> out = cakes.aggregate(List.of(
                Aggregates.setWindowFields("$state", Sorts.ascending("orderDate"),
                        WindowOutputFields.sum("cumulativeQuantity", "$quantity",
                                Windows.documents(Windows.Bound.UNBOUNDED, Windows.Bound.CURRENT)),
                        WindowOutputFields.avg("movingAverage", "$quantity", Windows.documents(-1, 0)),
                        WindowOutputFields.rank("rank"),
                        WindowOutputFields.shift("previousQuantity", "$quantity", null, -1)),
                Aggregates.project(Projections.include("cumulativeQuantity", "movingAverage", "rank", "previousQuantity")))).into(new ArrayList<>());
        assertEquals(List.of(
                row(4, 162, 162.0, 1, null), row(0, 282, 141.0, 2, 162), row(2, 427, 132.5, 3, 120),
                row(5, 134, 134.0, 1, null), row(3, 238, 119.0, 2, 134), row(1, 378, 122.0, 3, 104)), out);
    }

    private static Document row(int id, int cumulative, double average, int rank, Integer previous) {
        return new Document("_id", id).append("cumulativeQuantity", cumulative).append("movingAverage", average).append("rank", rank)
                .append("previousQuantity", previous);
    }

    @Test
    void rangeWindows() {
        List<Document> byPrice = cakes.aggregate(List.of(
                Aggregates.setWindowFields("$state", Sorts.ascending("price"),
                        WindowOutputFields.sum("similarOrders", "$quantity", Windows.range(-10, 10))),
                Aggregates.project(Projections.include("similarOrders")))).into(new ArrayList<>());
        assertEquals(List.of(265, 265, 162, 244, 244, 134), byPrice.stream().map(d -> d.getInteger("similarOrders")).toList());
        List<Document> byMonths = cakes.aggregate(List.of(
                Aggregates.setWindowFields("$state", Sorts.ascending("orderDate"),
                        WindowOutputFields.push("recentOrders", "$_id", Windows.timeRange(Windows.Bound.UNBOUNDED, 10, MongoTimeUnit.MONTH))),
                Aggregates.project(Projections.include("recentOrders")))).into(new ArrayList<>());
        assertEquals(List.of(List.of(4), List.of(4, 0, 2), List.of(4, 0, 2), List.of(5), List.of(5, 3), List.of(5, 3, 1)),
                byMonths.stream().map(d -> d.getList("recentOrders", Integer.class)).toList());
    }

    @Test
    void windowOnlyFunctions() {
        List<Document> out = cakes.aggregate(List.of(
                Aggregates.setWindowFields("$state", Sorts.ascending("orderDate"),
                        WindowOutputFields.covariancePop("covariance", new Document("$year", "$orderDate"), "$quantity",
                                Windows.documents(Windows.Bound.UNBOUNDED, Windows.Bound.CURRENT)),
                        WindowOutputFields.expMovingAvg("trend", "$quantity", 2),
                        WindowOutputFields.locf("lastQuantity", "$quantity")),
                Aggregates.project(Projections.include("covariance", "trend", "lastQuantity")))).into(new ArrayList<>());
        assertEquals(List.of(0.0, -10.5, -5.666666666666671, 0.0, -7.5, 2.0), out.stream().map(d -> d.getDouble("covariance")).toList());
        assertEquals(162.0, out.get(0).getDouble("trend"));
        assertEquals(134.0, out.get(1).getDouble("trend"));
        assertEquals(List.of(162, 120, 145, 134, 104, 140), out.stream().map(d -> d.getInteger("lastQuantity")).toList());
    }

    @Test
    void invalidWindowsAreMongoDbErrors() {
        MongoCommandException noSort = assertThrows(MongoCommandException.class, () -> cakes.aggregate(List.of(
                Aggregates.setWindowFields(null, null, WindowOutputFields.sum("s", "$quantity", Windows.range(-1, 1))))).first());
        assertEquals(5339902, noSort.getErrorCode());
        MongoCommandException unknown = assertThrows(MongoCommandException.class, () -> cakes.aggregate(List.of(
                new Document("$setWindowFields", new Document("output", new Document("s", new Document("$summ", "$quantity")))))).first());
        assertEquals(9, unknown.getErrorCode());
        assertEquals("Unrecognized window function, $summ", unknown.getErrorMessage());
        MongoCommandException badN = assertThrows(MongoCommandException.class, () -> cakes.aggregate(List.of(
                Aggregates.group("$state", Accumulators.firstN("f", "$_id", 0)))).first());
        assertEquals(5787908, badN.getErrorCode());
    }
}
