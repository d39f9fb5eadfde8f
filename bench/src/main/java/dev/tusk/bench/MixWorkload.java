package dev.tusk.bench;

import java.util.SplittableRandom;

/** YCSB workload B: 95 % point reads, 5 % updates (as {@link PointReadWorkload} / {@link UpdateWorkload}). */
final class MixWorkload extends TimedWorkload {
    static final int UPDATE_PERCENT = 5;

    MixWorkload(int threads) {
        super("mix-95-5-" + threads, threads);
    }

    @Override
    public String title() {
        return "95/5 read/update mix, " + threads() + " threads";
    }

    @Override
    public String tuskOperation() {
        return "95 % find({_id}).first(), 5 % updateOne({_id}, {$set, $inc})";
    }

    @Override
    public String limitOperation() {
        return "95 % SELECT by id, 5 % UPDATE ... jsonb_set(jsonb_set(...))";
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return () -> {
            String key = randomKey(t, rnd);
            boolean update = rnd.nextInt(100) < UPDATE_PERCENT;
            if (update) {
                String value = DocumentGenerator.text(rnd, DocumentGenerator.FIELD_LENGTH);
                if (side == Side.TUSK) {
                    UpdateWorkload.tuskUpdate(t, key, value);
                } else {
                    UpdateWorkload.limitUpdate(t, key, value);
                }
            } else if (side == Side.TUSK) {
                PointReadWorkload.tuskRead(t, key);
            } else {
                PointReadWorkload.limitRead(t, key);
            }
        };
    }

    @Override
    public Verification verify(Targets t) {
        return Verification.notChecked("same operations as the point read and update workloads, verified there");
    }
}
