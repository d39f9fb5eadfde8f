package dev.tusk.it.support;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The `_id`s of query results, in result order: what most read tests compare. */
public final class Ids {
    private Ids() {}

    public static List<Object> of(Iterable<Document> docs) {
        List<Object> ids = new ArrayList<>();
        docs.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    /** Integer `_id`s in ascending order, to compare results whose order is unspecified. */
    public static List<Object> sorted(Iterable<Document> docs) {
        List<Object> ids = of(docs);
        ids.sort((x, y) -> Integer.compare((Integer) x, (Integer) y));
        return ids;
    }
}
