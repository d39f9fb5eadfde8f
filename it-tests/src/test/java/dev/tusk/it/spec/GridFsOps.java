package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.BUCKET;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.model.GridFSDownloadOptions;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * GridFS bucket entities: upload, download, downloadByName, delete, deleteByName, rename,
 * renameByName, drop. Downloads return the file's bytes as binary (matched with $$matchesHexBytes).
 */
final class GridFsOps {
    private GridFsOps() {}

    static void register(Operations t) {
        t.add(BUCKET, "upload", GridFsOps::upload);
        t.add(BUCKET, "download", (b, a, cx) -> {
            BsonValue id = a.req("id");
            a.checkAllUsed();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            bucket(b).downloadToStream(id, out);
            return new BsonBinary(out.toByteArray());
        });
        t.add(BUCKET, "downloadByName", (b, a, cx) -> {
            String filename = a.string("filename");
            GridFSDownloadOptions o = new GridFSDownloadOptions();
            a.ifPresent("revision", v -> o.revision(v.asNumber().intValue()));
            a.checkAllUsed();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            bucket(b).downloadToStream(filename, out, o);
            return new BsonBinary(out.toByteArray());
        });
        t.add(BUCKET, "delete", (b, a, cx) -> {
            BsonValue id = a.req("id");
            a.checkAllUsed();
            bucket(b).delete(id);
            return null;
        });
        t.add(BUCKET, "deleteByName", GridFsOps::deleteByName);
        t.add(BUCKET, "rename", (b, a, cx) -> {
            BsonValue id = a.req("id");
            String newFilename = a.string("newFilename");
            a.checkAllUsed();
            bucket(b).rename(id, newFilename);
            return null;
        });
        t.add(BUCKET, "renameByName", GridFsOps::renameByName);
        t.add(BUCKET, "drop", (b, a, cx) -> {
            a.checkAllUsed();
            bucket(b).drop();
            return null;
        });
    }

    private static GridFSBucket bucket(Object target) {
        return (GridFSBucket) target;
    }

    private static Object upload(Object b, Args a, OpContext cx) {
        String filename = a.string("filename");
        byte[] source = hexBytes(a.req("source"));
        GridFSUploadOptions o = new GridFSUploadOptions();
        a.ifPresent("chunkSizeBytes", v -> o.chunkSizeBytes(v.asNumber().intValue()));
        a.ifPresent("metadata", v -> o.metadata(document(v.asDocument())));
        a.opt("disableMD5"); // a no-op: driver 5 never computes MD5
        a.checkAllUsed();
        return new BsonObjectId(bucket(b).uploadFromStream(filename, new ByteArrayInputStream(source), o));
    }

    /** Driver 5.2 has no deleteByName: the GridFS spec's steps (find the ids, delete the files, then their chunks). */
    private static Object deleteByName(Object b, Args a, OpContext cx) {
        String filename = a.string("filename");
        a.checkAllUsed();
        MongoCollection<BsonDocument> files = bucketCollection(bucket(b), "files", cx);
        BsonArray ids = new BsonArray();
        files.find(new BsonDocument("filename", new BsonString(filename)))
                .projection(new BsonDocument("_id", new BsonInt32(1))).forEach(f -> ids.add(f.get("_id")));
        if (ids.isEmpty()) {
            throw new MongoGridFSException("No file found with the filename: " + filename);
        }
        files.deleteMany(new BsonDocument("_id", new BsonDocument("$in", ids)));
        bucketCollection(bucket(b), "chunks", cx).deleteMany(new BsonDocument("files_id", new BsonDocument("$in", ids)));
        return null;
    }

    /** Driver 5.2 has no renameByName: the GridFS spec's single updateMany on the files collection. */
    private static Object renameByName(Object b, Args a, OpContext cx) {
        String filename = a.string("filename");
        String newFilename = a.string("newFilename");
        a.checkAllUsed();
        long matched = bucketCollection(bucket(b), "files", cx).updateMany(
                new BsonDocument("filename", new BsonString(filename)),
                new BsonDocument("$set", new BsonDocument("filename", new BsonString(newFilename)))).getMatchedCount();
        if (matched == 0) {
            throw new MongoGridFSException("No file found with the filename: " + filename);
        }
        return null;
    }

    /** The bucket's files or chunks collection, with the bucket's concerns and read preference. */
    private static MongoCollection<BsonDocument> bucketCollection(GridFSBucket b, String suffix, OpContext cx) {
        return cx.entities().databaseOf(b).getCollection(b.getBucketName() + "." + suffix, BsonDocument.class)
                .withReadConcern(b.getReadConcern()).withWriteConcern(b.getWriteConcern())
                .withReadPreference(b.getReadPreference());
    }

    /** An upload's source, {$$hexBytes: "<even number of hex digits, maybe none>"}, as the bytes it denotes. */
    private static byte[] hexBytes(BsonValue source) {
        if (!source.isDocument() || source.asDocument().size() != 1 || !source.asDocument().isString("$$hexBytes")) {
            throw new RunnerException("upload: source must be {$$hexBytes: <string>}, not " + Json.of(source));
        }
        try {
            return HexFormat.of().parseHex(source.asDocument().getString("$$hexBytes").getValue());
        } catch (IllegalArgumentException e) {
            throw new RunnerException("upload: malformed $$hexBytes: " + e.getMessage());
        }
    }

    /** The driver takes upload metadata as a Document; decoding keeps every BSON type. */
    private static Document document(BsonDocument d) {
        return new DocumentCodec().decode(new BsonDocumentReader(d), DecoderContext.builder().build());
    }
}
