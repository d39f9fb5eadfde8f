package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.pg.EmbeddedPostgres;
import dev.tusk.storage.QueryForm;
import dev.tusk.update.FieldPatch;
import dev.tusk.update.UpdateOutcome;
import dev.tusk.update.UpdateSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The update language in Java (the reference) versus {@code tusk_catalog.patch_fields} (migration V7)
 * on a real PostgreSQL: random documents × random $set/$unset/$inc/$setOnInsert updates. Where the
 * function applies an update, its document must be byte for byte the reference's, its query form the
 * reference's query form, and "unchanged" must mean the reference found no change; it may decline
 * only where the reference fails or an $inc meets a field that is not an int32/int64.
 */
class FieldPatchDifferentialTest {
    private static final int CASES = 10_000;
    private static final List<String> FIELDS = List.of("a", "b", "c", "0", "1", "d", "é", "a field", "a.b", "a.c", "b.a",
            "c.0", "a.b.c", "d.e", "1.a");
    private static Connection connection;
    private static PreparedStatement patch;

    private static String migration(String name) throws IOException {
        try (InputStream in = FieldPatch.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void install() throws SQLException, IOException {
        connection = DriverManager.getConnection(EmbeddedPostgres.testJdbcUrl());
        try (var st = connection.createStatement()) {
            st.execute(migration("V6__patch_fields.sql").replace("tusk_catalog.", "pg_temp."));
            String v7 = migration("V7__typed_numbers.sql"); // its patch_fields replaces V6's; its catalog change is not for here
            st.execute(v7.substring(v7.indexOf("CREATE OR REPLACE FUNCTION")).replace("tusk_catalog.", "pg_temp."));
        }
        // as text: jsonb equality does not see a number's scale, which says its BSON type
        patch = connection.prepareStatement("SELECT p.status, p.new_doc, p.new_q::text = ?::jsonb::text FROM pg_temp.patch_fields(?, ?::jsonb,"
                + " ?::bytea[], ?::int[], ?::bytea[], ?::jsonb[]) p");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void randomPatchesAgreeWithTheUpdateLanguage() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20261205L);
        Random random = new Random(seed);
        RandomBson values = new RandomBson(random);
        List<String> failures = new ArrayList<>();
        int applied = 0;
        int unchanged = 0;
        int declined = 0;
        int appliedInside = 0;
        for (int i = 0; i < CASES && failures.size() < 10; i++) {
            BsonDocument doc = new BsonDocument("_id", new BsonInt32(i));
            doc.putAll(values.document(0));
            if (random.nextBoolean()) { // embedded documents where the nested paths below lead
                doc.put("a", values.document(1));
                doc.put("d", new BsonDocument("e", values.value(2)));
            }
            BsonDocument update = update(random, values);
            UpdateSpec spec;
            try {
                spec = UpdateSpec.parse(update);
            } catch (MongoServerException conflicting) { // e.g. a and a.b in one update
                continue;
            }
            Optional<FieldPatch> fieldPatch = spec.fieldPatch();
            if (fieldPatch.isEmpty()) {
                continue;
            }
            Optional<UpdateOutcome> reference;
            try {
                reference = Optional.of(spec.apply(doc, false));
            } catch (MongoServerException e) {
                reference = Optional.empty();
            }
            String what = "seed " + seed + " case " + i + ": " + doc.toJson() + " with " + update.toJson();
            try (ResultSet rs = run(doc, fieldPatch.get(), reference)) {
                rs.next();
                int status = rs.getInt(1);
                if (status == 2) {
                    declined++;
                    if (reference.isPresent() && !mayDecline(doc, update)) {
                        failures.add(what + ": declined, but the reference applies it");
                    }
                } else if (reference.isEmpty()) {
                    failures.add(what + ": status " + status + ", but the reference fails");
                } else if (status == 0) {
                    unchanged++;
                    if (reference.get().modified()) {
                        failures.add(what + ": unchanged, but the reference gives " + reference.get().document().toJson());
                    }
                } else {
                    applied++;
                    if (update.values().stream().anyMatch(fields -> fields.asDocument().keySet().stream().anyMatch(f -> f.contains(".")))) {
                        appliedInside++;
                    }
                    byte[] expected = bytes(reference.get().document());
                    if (!Arrays.equals(expected, rs.getBytes(2))) {
                        failures.add(what + ": gives " + new RawBsonDocument(rs.getBytes(2)).toJson() + ", the reference "
                                + reference.get().document().toJson());
                    } else if (!rs.getBoolean(3)) {
                        failures.add(what + ": the query form differs from the reference's");
                    } else if (!reference.get().modified()) {
                        failures.add(what + ": changed, but the reference found no change");
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(applied > CASES / 5 && appliedInside > CASES / 20, "too few applied patches: " + applied + ", inside "
                + "embedded documents " + appliedInside);
        assertTrue(unchanged > 50 && declined > 50, "unchanged " + unchanged + ", declined " + declined);
    }

    private static ResultSet run(BsonDocument doc, FieldPatch p, Optional<UpdateOutcome> reference) throws SQLException {
        patch.setString(1, reference.map(r -> QueryForm.toJson(r.document())).orElse("null"));
        patch.setBytes(2, bytes(doc));
        patch.setString(3, QueryForm.toJson(doc));
        patch.setArray(4, connection.createArrayOf("bytea", p.paths()));
        patch.setArray(5, connection.createArrayOf("int4", p.kinds()));
        patch.setArray(6, connection.createArrayOf("bytea", p.elements()));
        patch.setArray(7, connection.createArrayOf("text", p.json()));
        return patch.executeQuery();
    }

    /** One to three operations on distinct fields; $inc operands near the int32 and int64 limits. */
    private static BsonDocument update(Random random, RandomBson values) {
        List<String> names = new ArrayList<>(FIELDS);
        java.util.Collections.shuffle(names, random);
        BsonDocument update = new BsonDocument();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            switch (random.nextInt(5)) {
                case 0, 1 -> operator(update, "$set").put(name, random.nextInt(4) == 0 ? new BsonString("v") : values.value(1));
                case 2 -> operator(update, "$unset").put(name, new BsonString(""));
                case 3 -> operator(update, "$inc").put(name, increment(random));
                default -> operator(update, "$setOnInsert").put(name, values.value(1));
            }
        }
        return update;
    }

    private static BsonValue increment(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> new BsonInt32(Integer.MAX_VALUE);
            case 1 -> new BsonInt32(Integer.MIN_VALUE);
            case 2 -> new BsonInt64(Long.MAX_VALUE);
            case 3 -> new BsonInt64(Long.MIN_VALUE);
            case 4 -> new BsonInt64(random.nextInt(5) - 2);
            case 5 -> new BsonInt32(0);
            case 6 -> new BsonDouble(1.5); // not a patch: the Java update language handles it
            default -> new BsonInt32(random.nextInt(5) - 2);
        };
    }

    private static BsonDocument operator(BsonDocument update, String op) {
        if (!update.containsKey(op)) {
            update.put(op, new BsonDocument());
        }
        return update.getDocument(op);
    }

    /** The function declines a path whose parent is not an existing document, and an $inc of a non-integer. */
    private static boolean mayDecline(BsonDocument doc, BsonDocument update) {
        for (String op : List.of("$set", "$unset", "$inc")) {
            for (String path : update.getDocument(op, new BsonDocument()).keySet()) {
                String[] parts = path.split("\\.");
                BsonValue cur = doc;
                for (int i = 0; i < parts.length - 1 && cur != null; i++) {
                    cur = cur.isDocument() ? cur.asDocument().get(parts[i]) : null;
                }
                if (cur == null || !cur.isDocument()) {
                    return true;
                }
                BsonValue target = cur.asDocument().get(parts[parts.length - 1]);
                if (op.equals("$inc") && target != null && !target.isInt32() && !target.isInt64()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] bytes(BsonDocument doc) {
        var buf = new RawBsonDocument(doc, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }
}
