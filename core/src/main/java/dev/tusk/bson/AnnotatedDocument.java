package dev.tusk.bson;

import org.bson.BsonDocument;

/**
 * A document that carries per-document metadata MongoDB attaches to query results (a text score, a
 * geoNear distance) beside its fields. The metadata is not part of the document: equality and hashing
 * are the fields' only.
 */
public abstract class AnnotatedDocument extends BsonDocument {
    protected AnnotatedDocument(BsonDocument doc) {
        super(doc.size());
        putAll(doc);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
