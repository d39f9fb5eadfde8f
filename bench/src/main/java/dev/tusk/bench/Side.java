package dev.tusk.bench;

/** Who runs a workload: Tusk through the MongoDB driver, or hand-written SQL over JDBC ("the limit"). */
enum Side {
    TUSK("tusk"),
    LIMIT("limit");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
