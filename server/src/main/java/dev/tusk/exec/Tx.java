package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.InsertValuesStep3;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.JSONB;

/** The operations available inside one transaction. */
public final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    /** Rows matching {@code where} after {@code afterKey}, locked FOR UPDATE, in `_key` order. */
    public List<Row> lockPage(CollectionInfo c, Condition where, Optional<byte[]> afterKey, int limit) {
        return DocumentStore.fetchRows(DocumentStore.dsl(connection)
                .select(DocumentStore.KEY, DocumentStore.DOC).from(DocumentStore.table(c))
                .where(where).and(afterKey.map(DocumentStore.KEY::gt).orElse(DSL.noCondition()))
                .orderBy(DocumentStore.KEY).limit(limit).forUpdate());
    }

    /** The row with this key, locked FOR UPDATE, if it still exists. */
    public Optional<Row> lockByKey(CollectionInfo c, byte[] key) {
        List<Row> rows = DocumentStore.fetchRows(DocumentStore.dsl(connection)
                .select(DocumentStore.KEY, DocumentStore.DOC).from(DocumentStore.table(c))
                .where(DocumentStore.KEY.eq(key)).forUpdate());
        return rows.stream().findFirst();
    }

    /**
     * Inserts documents, skipping any whose key (or another unique value) already exists.
     *
     * @return the keys actually inserted
     */
    public Set<java.nio.ByteBuffer> insert(CollectionInfo c, List<StoredDocument> docs) {
        Set<java.nio.ByteBuffer> inserted = new HashSet<>();
        final int chunk = 5000;
        for (int from = 0; from < docs.size(); from += chunk) {
            List<StoredDocument> part = docs.subList(from, Math.min(docs.size(), from + chunk));
            InsertValuesStep3<Record, byte[], byte[], JSONB> insert = DocumentStore.dsl(connection)
                    .insertInto(DocumentStore.table(c), DocumentStore.KEY, DocumentStore.DOC, DocumentStore.QUERY);
            for (StoredDocument d : part) {
                insert = insert.values(DSL.val(d.key()), DSL.val(d.bson()), jsonb(d.queryJson()));
            }
            for (Record r : insert.onConflictDoNothing().returning(DocumentStore.KEY).fetch()) {
                inserted.add(java.nio.ByteBuffer.wrap(r.get(DocumentStore.KEY)));
            }
        }
        return inserted;
    }

    /** Replaces the stored document with the given key (its `_id` is unchanged). */
    public void replace(CollectionInfo c, StoredDocument d) {
        DocumentStore.dsl(connection).update(DocumentStore.table(c))
                .set(DocumentStore.DOC, d.bson())
                .set(DocumentStore.QUERY, jsonb(d.queryJson()))
                .where(DocumentStore.KEY.eq(d.key()))
                .execute();
    }

    public int delete(CollectionInfo c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<org.jooq.Field<byte[]>> values = new ArrayList<>();
        keys.forEach(k -> values.add(DSL.val(k)));
        return DocumentStore.dsl(connection).deleteFrom(DocumentStore.table(c))
                .where(DocumentStore.KEY.in(values)).execute();
    }

    /** Deletes every row matching an exact condition. */
    public int deleteWhere(CollectionInfo c, Condition where) {
        return DocumentStore.dsl(connection).deleteFrom(DocumentStore.table(c)).where(where).execute();
    }

    private static org.jooq.Field<JSONB> jsonb(String json) {
        return DSL.val(JSONB.jsonb(json));
    }

    /** Undoes everything done in this transaction so far; the transaction then commits nothing. */
    public void rollback() {
        try {
            connection.rollback();
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, "ROLLBACK");
        }
    }
}
