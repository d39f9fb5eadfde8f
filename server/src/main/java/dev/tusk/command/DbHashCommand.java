package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.Tx;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * dbHash, as MongoDB computes it: per collection (views aside, by name) the MD5 of its documents' BSON bytes in `_id`
 * order, and the MD5 of those hex digests in turn. Tusk keeps each document's bytes as written and reads them in `_id`
 * order (`_key`), so a database copied into Tusk hashes as it does on MongoDB, which makes a migration checkable. (A
 * MongoDB database with views also hashes its system.views collection, which Tusk does not have.)
 */
final class DbHashCommand implements Command {
    @Override
    public String name() {
        return "dbHash";
    }

    @Override
    public java.util.List<String> aliases() {
        return java.util.List.of("dbhash");
    }

    @Override
    public String help() {
        return "MD5 of each collection's documents in _id order, and of the database";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        long start = System.nanoTime();
        BsonValue first = request.commandValue();
        if (first.isString() && first.asString().getValue().isEmpty()) {
            throw ErrorCode.INVALID_NAMESPACE.error("Cannot pass empty string for 'dbHash' field");
        }
        Set<String> wanted = new TreeSet<>();
        BsonValue list = request.body().get("collections");
        if (list != null && list.isArray()) {
            for (BsonValue v : list.asArray()) {
                if (!v.isString()) {
                    throw ErrorCode.BAD_VALUE.error("collections entries have to be strings");
                }
                wanted.add(v.asString().getValue());
            }
        }
        List<CollectionInfo> collections = new ArrayList<>(cx.catalog().collections(request.database()).stream()
                .filter(c -> !c.isView() && (wanted.isEmpty() || wanted.contains(c.name()))).toList());
        collections.sort(java.util.Comparator.comparing(CollectionInfo::name));
        BsonDocument hashes = new BsonDocument();
        BsonArray capped = new BsonArray();
        BsonDocument uuids = new BsonDocument();
        MessageDigest database = md5();
        // one snapshot for the whole database, as MongoDB reads it under a database lock
        List<String> collectionHashes = cx.store().snapshot(tx -> {
            List<String> out = new ArrayList<>();
            for (CollectionInfo c : collections) {
                out.add(hash(tx, c));
            }
            return out;
        });
        for (int i = 0; i < collections.size(); i++) {
            CollectionInfo c = collections.get(i);
            String hash = collectionHashes.get(i);
            hashes.append(c.name(), new BsonString(hash));
            database.update(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (c.capped()) {
                capped.add(new BsonString(c.name()));
            }
            uuids.append(c.name(), new BsonBinary(c.uuid()));
        }
        return Replies.ok(new BsonDocument("host", new BsonString(cx.topology().me()))
                .append("collections", hashes)
                .append("capped", capped)
                .append("uuids", uuids)
                .append("md5", new BsonString(HexFormat.of().formatHex(database.digest())))
                .append("timeMillis", new BsonInt64((System.nanoTime() - start) / 1_000_000)));
    }

    private static String hash(Tx tx, CollectionInfo c) {
        MessageDigest digest = md5();
        tx.scan(c, page -> page.forEach(row -> digest.update(row.bson())));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
