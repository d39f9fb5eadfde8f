package dev.tusk.it.spec;

import java.util.List;
import java.util.function.Supplier;
import org.bson.BsonDocument;

/** One test of a spec file; {@link #id()} is how results and the expected-failure list name it. */
record TestCase(Supplier<SpecFile> fileRef, String description, List<BsonDocument> runOnRequirements,
        String skipReason, List<BsonDocument> operations, List<BsonDocument> expectEvents,
        List<BsonDocument> outcome) {

    static TestCase of(Supplier<SpecFile> file, BsonDocument t) {
        return new TestCase(file, t.getString("description").getValue(),
                SpecFile.docs(t.get("runOnRequirements")),
                t.containsKey("skipReason") ? t.getString("skipReason").getValue() : null,
                SpecFile.docs(t.get("operations")), SpecFile.docs(t.get("expectEvents")),
                SpecFile.docs(t.get("outcome")));
    }

    SpecFile file() {
        return fileRef.get();
    }

    String area() {
        return file().area();
    }

    String id() {
        return file().area() + "/" + file().name() + ": " + description;
    }
}
