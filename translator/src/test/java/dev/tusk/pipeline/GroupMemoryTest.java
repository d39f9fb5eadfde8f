package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import dev.tusk.expr.ParseContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * $group counts what its accumulators keep against the 100 MiB limit, not only its group keys:
 * without disk use, going past it is 292 (with disk use it spills: GroupSpillTest).
 */
class GroupMemoryTest {
    private static final String MIB = "x".repeat(1024 * 1024);

    private static Iterator<BsonDocument> documents(int n, boolean distinct) {
        return IntStream.range(0, n).mapToObj(i -> new BsonDocument("_id", new BsonInt32(i))
                .append("s", new BsonString(distinct ? i + MIB : MIB))).iterator();
    }

    private static List<BsonDocument> group(String accumulator, int n, boolean distinct) {
        Pipeline p = Pipeline.parse(BsonArray.parse("[{$group: {_id: null, all: {" + accumulator + ": '$s'}}}]"),
                ParseContext.defaults().withDiskUse(false));
        List<BsonDocument> out = new ArrayList<>();
        p.run(documents(n, distinct)).forEachRemaining(out::add);
        return out;
    }

    @Test
    void aPushPastTheLimitIs292() {
        MongoServerException e = assertThrows(MongoServerException.class, () -> group("$push", 110, true));
        assertEquals(292, e.code().code());
    }

    @Test
    void anAddToSetCountsItsDistinctValuesOnly() {
        assertEquals(1, group("$addToSet", 110, false).get(0).getArray("all").size());
        assertThrows(MongoServerException.class, () -> group("$addToSet", 110, true));
    }

    @Test
    void smallGroupsPass() {
        assertEquals(20, group("$push", 20, true).get(0).getArray("all").size());
    }
}
