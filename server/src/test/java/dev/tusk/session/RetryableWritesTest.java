package dev.tusk.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

class RetryableWritesTest {
    private final RetryableWrites writes = new RetryableWrites();
    private final BsonDocument lsid = BsonDocument.parse("{id: {$binary: {base64: 'AAAAAAAAAAAAAAAAAAAAAA==', subType: '04'}}}");

    @Test
    void aRetryGetsTheEarlierReplyWithoutWritingAgain() {
        AtomicInteger runs = new AtomicInteger();
        BsonDocument ok = new BsonDocument("ok", new BsonInt32(1)).append("n", new BsonInt32(1));
        writes.run(lsid, 1, () -> {
            runs.incrementAndGet();
            return ok;
        });
        assertEquals(ok, writes.run(lsid, 1, () -> {
            runs.incrementAndGet();
            return ok;
        }));
        assertEquals(1, runs.get());
    }

    @Test
    void aWriteThatDiedWithAnErrorLetsItsRetryRun() {
        AssertionError died = new AssertionError("class initialisation failed");
        assertSame(died, assertThrows(AssertionError.class, () -> writes.run(lsid, 7, () -> {
            throw died;
        })));
        BsonDocument ok = new BsonDocument("ok", new BsonInt32(1));
        assertEquals(ok, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> writes.run(lsid, 7, () -> ok)),
                "the retry runs instead of waiting for a reply that never comes");
    }
}
