package dev.tusk.bench;

/** One benchmark workload, implemented once for each {@link Side}. */
interface Workload {
    /** Short stable name, used as the key in the JSON results (e.g. "point-read-1"). */
    String id();

    /** One line for the printed table. */
    String title();

    /** What Tusk is sent, and what SQL the limit runs. */
    String tuskOperation();

    String limitOperation();

    int threads();

    /** What {@link SideResult#ops()} counts ("ops", "docs"). */
    default String unit() {
        return "ops";
    }

    /** Checks (before measuring) that both sides answer the same; may change data both sides alike. */
    Verification verify(Targets targets) throws Exception;

    SideResult run(Side side, Targets targets) throws Exception;
}
