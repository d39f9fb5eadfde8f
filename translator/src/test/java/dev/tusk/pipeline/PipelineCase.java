package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One pipeline case: input documents and a pipeline (relaxed extended JSON, shell forms allowed)
 * with the exact expected output (types included: 1 is an int, 1.0 a double) or the expected
 * error code and message (null message: only the code is checked).
 */
record PipelineCase(String name, String input, String pipeline, String expected, ErrorCode code, String message) {

    static PipelineCase c(String name, String input, String pipeline, String expected) {
        return new PipelineCase(name, input, pipeline, expected, null, null);
    }

    static PipelineCase err(String name, String input, String pipeline, ErrorCode code, String message) {
        return new PipelineCase(name, input, pipeline, null, code, message);
    }

    @Override
    public String toString() {
        return name;
    }

    static List<BsonDocument> run(String input, String pipeline) {
        return run(input, pipeline, CollectionReader.NONE);
    }

    /** Runs the pipeline with other collections read through reader ($lookup, $graphLookup). */
    static List<BsonDocument> run(String input, String pipeline, CollectionReader reader) {
        List<BsonDocument> in = new ArrayList<>();
        for (BsonValue v : BsonArray.parse(input)) {
            in.add(v.asDocument());
        }
        List<BsonDocument> out = new ArrayList<>();
        Pipeline.parse(BsonArray.parse(pipeline)).run(in.iterator(), reader).forEachRemaining(out::add);
        return out;
    }

    void check() {
        check(CollectionReader.NONE);
    }

    void check(CollectionReader reader) {
        if (code != null) {
            MongoServerException e = assertThrows(MongoServerException.class, () -> run(input, pipeline, reader));
            assertEquals(code, e.code(), e.getMessage());
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            return;
        }
        BsonArray actual = new BsonArray(new ArrayList<>(run(input, pipeline, reader)));
        BsonArray want = BsonArray.parse(expected);
        assertTrue(BsonIdentical.identical(want, actual), () -> "expected " + new BsonDocument("v", want).toJson()
                + "\n but was " + new BsonDocument("v", actual).toJson());
    }
}
