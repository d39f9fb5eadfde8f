package dev.tusk.it.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** One unified-format test file, parsed from (relaxed or canonical) extended JSON. */
record SpecFile(String area, String name, String description, String schemaVersion,
        List<BsonDocument> runOnRequirements, List<BsonDocument> createEntities,
        List<BsonDocument> initialData, List<TestCase> tests) {

    /** The highest schema version this runner reads (operations it lacks fail one by one). */
    static final String SUPPORTED_SCHEMA = "1.21";

    static SpecFile load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        BsonDocument d = BsonDocument.parse(json);
        String area = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        List<BsonDocument> tests = docs(d.get("tests"));
        SpecFile[] self = new SpecFile[1];
        List<TestCase> cases = tests.stream().map(t -> TestCase.of(() -> self[0], t)).toList();
        self[0] = new SpecFile(area, name, d.getString("description").getValue(),
                d.getString("schemaVersion").getValue(), docs(d.get("runOnRequirements")),
                docs(d.get("createEntities")), docs(d.get("initialData")), cases);
        return self[0];
    }

    boolean schemaSupported() {
        return RunOnRequirements.compareVersions(schemaVersion, SUPPORTED_SCHEMA) <= 0
                && schemaVersion.startsWith("1.");
    }

    static List<BsonDocument> docs(BsonValue v) {
        if (v == null) {
            return List.of();
        }
        BsonArray a = v.asArray();
        return a.stream().map(BsonValue::asDocument).toList();
    }
}
