package dev.tusk.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void threadsAnOperationStartsWorkForItAndSeeItKilled() throws InterruptedException {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean seenAfter = new AtomicBoolean();
        Backends.track(new HashSet<>(), killed::get);
        try {
            Thread child = Thread.ofVirtual().start(() -> {
                while (!Backends.killed()) {
                    Thread.onSpinWait();
                }
                seenAfter.set(true);
            });
            killed.set(true);
            child.join(10_000);
            assertTrue(seenAfter.get(), "the sub-pipeline's thread sees the kill, as killOp needs");
        } finally {
            Backends.track(null, null);
        }
        assertFalse(Backends.killed(), "the operation's thread no longer works for it");
    }
}
