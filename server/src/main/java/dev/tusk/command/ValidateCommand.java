package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.Row;
import dev.tusk.exec.SecondaryIndex;
import dev.tusk.exec.Tx;
import dev.tusk.storage.IdKey;
import dev.tusk.storage.QueryForm;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * validate: reads every document and checks what Tusk stores beside it — the `_key` its `_id` gives, the query form
 * its BSON gives (where SQL filters look), and each index's side table (a key for every value the document has, none
 * for documents that are gone). A collection written only through Tusk is always valid; one changed from SQL behind
 * Tusk's back may not be, and then queries and indexes would answer from stale forms.
 */
final class ValidateCommand implements Command {
    private static final int MAX_LISTED = 100;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String help() {
        return "check a collection's documents against their stored query forms and index entries";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("full", "background", "repair", "metadata", "checkBSONConformance"));
        if (args.bool("repair", false)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("validate with repair is not supported by Tusk yet");
        }
        String ns = args.namespace();
        CollectionInfo c = cx.catalog().collection(request.database(), args.collection()).orElseThrow(() ->
                ErrorCode.NAMESPACE_NOT_FOUND.error("Collection '%s' does not exist to validate.", ns));
        if (c.isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Cannot validate a view");
        }
        List<SecondaryIndex> indexes = cx.indexes().secondary(c);
        List<IndexInfo> infos = indexes.stream().map(SecondaryIndex::info).toList();
        Findings found = new Findings(indexes);
        cx.store().snapshot(tx -> { // one snapshot: writers go on, and what validate compares is of one moment
            tx.scan(c, page -> check(tx, c, indexes, page, found));
            for (int x = 0; x < indexes.size(); x++) {
                SecondaryIndex index = indexes.get(x);
                long orphans = tx.indexRowCount(index) - found.keysOfLiveDocuments[x];
                if (orphans > 0) {
                    found.error(index.info().listedName(), orphans + " index entries point to documents that do not exist");
                    found.extra.add(new BsonDocument("indexName", new BsonString(index.info().listedName()))
                            .append("entries", new BsonInt64(orphans)));
                }
            }
            return null;
        });
        return Replies.ok(found.reply(ns, c, infos));
    }

    private static void check(Tx tx, CollectionInfo c, List<SecondaryIndex> indexes, List<Row> page, Findings found) {
        if (page.isEmpty()) {
            return;
        }
        List<byte[]> keys = new ArrayList<>(page.size());
        List<RawBsonDocument> docs = new ArrayList<>(page.size());
        // collections from before typed numbers get their query forms rewritten in the background: not compared here
        List<String> forms = new ArrayList<>(c.typedNumbers() ? page.size() : 0);
        for (Row row : page) {
            found.records++;
            RawBsonDocument doc = row.document();
            BsonValue id;
            String form;
            try {
                id = doc.get("_id");
                form = c.typedNumbers() ? QueryForm.toJson(doc) : null;
            } catch (RuntimeException e) {
                found.invalid(row.key(), "Document with RecordId key " + hex(row.key()) + " is not valid BSON: " + e.getMessage());
                continue;
            }
            if (id == null || !java.util.Arrays.equals(IdKey.encode(id), row.key())) {
                found.invalid(row.key(), "Document with _id " + (id == null ? "(missing)" : id) + " is stored under another _id's key");
                continue;
            }
            keys.add(row.key());
            docs.add(doc);
            if (form != null) {
                forms.add(form);
            }
        }
        if (!forms.isEmpty()) {
            Set<ByteBuffer> stale = tx.queryFormMismatches(c, keys, forms);
            for (int i = 0; i < keys.size(); i++) {
                if (stale.contains(ByteBuffer.wrap(keys.get(i)))) {
                    found.invalid(keys.get(i), "Document with _id " + docs.get(i).get("_id")
                            + " has a stored query form that does not match its BSON");
                }
            }
        }
        for (int x = 0; x < indexes.size(); x++) {
            SecondaryIndex index = indexes.get(x);
            Map<ByteBuffer, Set<ByteBuffer>> held = tx.indexKeysOf(index, keys);
            for (int i = 0; i < keys.size(); i++) {
                Set<ByteBuffer> expected = index.keysOf(docs.get(i));
                Set<ByteBuffer> actual = held.getOrDefault(ByteBuffer.wrap(keys.get(i)), Set.of());
                found.expectedKeys[x] += expected.size();
                found.keysOfLiveDocuments[x] += actual.size();
                if (!actual.equals(expected)) {
                    found.error(index.info().listedName(), "Document with _id " + docs.get(i).get("_id")
                            + " has index entries that differ from its keys");
                    BsonDocument entry = new BsonDocument("indexName", new BsonString(index.info().listedName()))
                            .append("idKey", new BsonDocument("_id", docs.get(i).get("_id")));
                    if (!actual.containsAll(expected)) {
                        found.listed(found.missing, entry);
                    }
                    if (!expected.containsAll(actual)) {
                        found.listed(found.extra, entry.clone());
                    }
                }
            }
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    /** What validate found, in MongoDB's reply fields. */
    private static final class Findings {
        final long[] expectedKeys;
        /** Side-table rows that point at documents that exist: the rest are orphans. */
        final long[] keysOfLiveDocuments;
        final Map<String, List<String>> indexErrors = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        final BsonArray missing = new BsonArray();
        final BsonArray extra = new BsonArray();
        final BsonArray corrupt = new BsonArray();
        long records;
        long invalidDocuments;

        Findings(List<SecondaryIndex> indexes) {
            expectedKeys = new long[indexes.size()];
            keysOfLiveDocuments = new long[indexes.size()];
        }

        void invalid(byte[] key, String message) {
            invalidDocuments++;
            if (errors.size() < MAX_LISTED) {
                errors.add(message);
            }
            listed(corrupt, new BsonBinary(key));
        }

        void error(String index, String message) {
            List<String> list = indexErrors.computeIfAbsent(index, i -> new ArrayList<>());
            if (list.size() < MAX_LISTED) {
                list.add(message);
            }
            if (errors.size() < MAX_LISTED) {
                errors.add(message + " in index " + index);
            }
        }

        void listed(BsonArray list, BsonValue entry) {
            if (list.size() < MAX_LISTED) {
                list.add(entry);
            }
        }

        BsonDocument reply(String ns, CollectionInfo c, List<IndexInfo> infos) {
            BsonDocument keysPerIndex = new BsonDocument("_id_", new BsonInt64(records - invalidDocuments));
            BsonDocument details = new BsonDocument("_id_", new BsonDocument("valid", BsonBoolean.TRUE));
            for (int x = 0; x < infos.size(); x++) {
                String name = infos.get(x).listedName();
                keysPerIndex.append(name, new BsonInt64(expectedKeys[x]));
                List<String> problems = indexErrors.getOrDefault(name, List.of());
                BsonDocument detail = new BsonDocument("valid", BsonBoolean.valueOf(problems.isEmpty()));
                if (!problems.isEmpty()) {
                    BsonArray list = new BsonArray();
                    problems.forEach(p -> list.add(new BsonString(p)));
                    detail.append("errors", list);
                }
                details.append(name, detail);
            }
            BsonArray errorList = new BsonArray();
            errors.forEach(e -> errorList.add(new BsonString(e)));
            return new BsonDocument("ns", new BsonString(ns))
                    .append("uuid", new BsonBinary(c.uuid()))
                    .append("nInvalidDocuments", new BsonInt64(invalidDocuments))
                    .append("nNonCompliantDocuments", new BsonInt64(invalidDocuments))
                    .append("nrecords", new BsonInt64(records))
                    .append("nIndexes", new BsonInt32(infos.size() + 1))
                    .append("keysPerIndex", keysPerIndex)
                    .append("indexDetails", details)
                    .append("valid", BsonBoolean.valueOf(errors.isEmpty()))
                    .append("repaired", BsonBoolean.FALSE)
                    .append("warnings", new BsonArray())
                    .append("errors", errorList)
                    .append("extraIndexEntries", extra)
                    .append("missingIndexEntries", missing)
                    .append("corruptRecords", corrupt);
        }
    }
}
