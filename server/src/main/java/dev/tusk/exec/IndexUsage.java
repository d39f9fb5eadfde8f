package dev.tusk.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many reads each secondary index served since the server started or the index was built
 * ($indexStats' accesses), counted in memory as MongoDB does (not persisted; `_id_` under its name).
 */
public final class IndexUsage {
    /** One index's count and the time counting began. */
    public record Accesses(AtomicLong ops, long sinceMillis) {}

    private static final Map<String, Accesses> BY_TABLE = new ConcurrentHashMap<>();

    private IndexUsage() {}

    static void used(String schema, String storage) {
        accesses(schema, storage).ops().incrementAndGet();
    }

    static void reset(String schema, String storage) {
        BY_TABLE.put(schema + "." + storage, new Accesses(new AtomicLong(), System.currentTimeMillis()));
    }

    public static Accesses accesses(String schema, String storage) {
        return BY_TABLE.computeIfAbsent(schema + "." + storage, k -> new Accesses(new AtomicLong(), System.currentTimeMillis()));
    }

    /** The name the `_id_` index of a collection is counted under (its UUID: a re-created collection starts again). */
    public static String idIndex(dev.tusk.catalog.CollectionInfo c) {
        return c.uuid() + "$_id_";
    }

    /** Counts the index a read plan reads through, if any. */
    static void count(ReadPlan plan, dev.tusk.catalog.CollectionInfo c) {
        String schema = c.schemaName();
        String id = idIndex(c);
        switch (plan) {
            case ReadPlan.ById b -> used(schema, id);
            case ReadPlan.InIndexOrder o -> used(o.order().index().schema(), o.order().index().storage());
            case ReadPlan.ThroughIndex t -> t.choice().index().ifPresent(i -> used(i.schema(), i.storage()));
            case ReadPlan.KeyRangeScan k -> {
                if (k.hint() instanceof FindOptions.Hint.Secondary s) {
                    used(s.index().schema(), s.index().storage());
                } else {
                    used(schema, id);
                }
            }
            case ReadPlan.GeoScan g -> used(g.index().schema(), g.index().storage());
            case ReadPlan.TopK t -> t.choice().ifPresentOrElse(ch -> countChoice(ch, schema, id), () -> CollectionUsage.scanned(c));
            case ReadPlan.TableScan t -> t.choice().ifPresentOrElse(ch -> countChoice(ch, schema, id), () -> CollectionUsage.scanned(c));
            case ReadPlan.FirstPerKey f -> used(f.index().schema(), f.index().storage());
            case ReadPlan.OrScan o -> o.union().branches().forEach(b -> countChoice(b.choice(), schema, id));
        }
    }

    private static void countChoice(IndexPlanner.Choice ch, String schema, String id) {
        if (ch.index().isPresent()) {
            used(ch.index().get().schema(), ch.index().get().storage());
        } else {
            used(schema, id);
        }
    }
}
