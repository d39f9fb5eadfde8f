package dev.tusk.bench;

/** Whether both sides gave the same answers for a workload, with what was compared. */
record Verification(Status status, String detail) {
    enum Status { SAME, DIFFERENT, NOT_CHECKED }

    static Verification same(String detail) {
        return new Verification(Status.SAME, detail);
    }

    static Verification different(String detail) {
        return new Verification(Status.DIFFERENT, detail);
    }

    static Verification notChecked(String detail) {
        return new Verification(Status.NOT_CHECKED, detail);
    }

    boolean failed() {
        return status == Status.DIFFERENT;
    }
}
