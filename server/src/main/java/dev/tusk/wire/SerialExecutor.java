package dev.tusk.wire;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks in submission order, one at a time, on virtual threads. A virtual
 * thread is started only while tasks are waiting and ends when the queue is empty, so an idle
 * connection holds no thread. {@link #execute} never blocks (it is called on the event loop).
 */
final class SerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ThreadFactory threads;

    SerialExecutor(String name) {
        this.threads = Thread.ofVirtual().name(name).factory();
    }

    void execute(Runnable task) {
        queue.add(task);
        if (draining.compareAndSet(false, true)) {
            threads.newThread(this::drain).start();
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = queue.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    log.error("connection task failed", t);
                }
            }
            draining.set(false);
            // a task added between the last poll and the flag reset would otherwise wait forever
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }
}
