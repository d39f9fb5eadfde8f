package dev.tusk.it.support;

import org.bson.Document;

/** Reading MongoDB's explain stage trees. */
public final class Stages {
    private Stages() {}

    /** The stage at the bottom of a plan: the access path (COLLSCAN, IXSCAN, IDHACK). */
    public static Document innermost(Document plan) {
        Document d = plan;
        while (d.containsKey("inputStage")) {
            d = d.get("inputStage", Document.class);
        }
        return d;
    }
}
