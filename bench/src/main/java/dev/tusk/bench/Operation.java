package dev.tusk.bench;

/** One operation of a timed workload, bound to one worker thread (and its connection/statement state). */
@FunctionalInterface
interface Operation {
    void run() throws Exception;
}
