package dev.tusk.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.it.support.TuskTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real mongosh against Tusk: types and field order survive a round trip and print as MongoDB's. */
class MongoshIT {

    static Path mongosh() {
        String env = System.getenv("TUSK_MONGOSH");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String root = System.getenv().getOrDefault("TUSK_PROJECT_ROOT", "..");
        Path local = Path.of(root, ".tools", "mongosh", "node_modules", ".bin", "mongosh");
        if (!Files.isExecutable(local)) {
            throw new IllegalStateException("mongosh not found: run the tests with ./tusk test, which installs it into .tools/");
        }
        return local;
    }

    static String run(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(mongosh().toString(), TuskTestServer.uri() + "?directConnection=true",
                "--quiet", "--norc", "--eval", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mongosh did not finish");
        assertEquals(0, p.exitValue(), "mongosh failed:\n" + out);
        return out;
    }

    @Test
    void insertsAndFindsEveryShellTypeInOrder() throws Exception {
        String out = run("""
                const c = db.getSiblingDB('mongosh_it').types;
                c.drop();
                c.insertOne({_id: 1, oid: ObjectId('65a1b2c3d4e5f60718293a4b'), when: ISODate('2024-01-02T03:04:05.678Z'),
                             big: NumberLong('9007199254740993'), dec: NumberDecimal('1.10'), nested: [1, [2, {x: 'y'}]]});
                printjson(c.findOne({_id: 1}));
                """);
        List<String> expectedInOrder = List.of("_id: 1", "oid: ObjectId('65a1b2c3d4e5f60718293a4b')",
                "when: ISODate('2024-01-02T03:04:05.678Z')", "big: Long('9007199254740993')", "dec: Decimal128('1.10')",
                "nested: [", "x: 'y'");
        int at = -1;
        for (String piece : expectedInOrder) {
            int next = out.indexOf(piece, at + 1);
            assertTrue(next > at, "expected '" + piece + "' after position " + at + " in:\n" + out);
            at = next;
        }
    }

    @Test
    void shellSeesAReplicaSetPrimaryAndCanCrud() throws Exception {
        String out = run("""
                const h = db.hello();
                print('primary=' + h.isWritablePrimary + ' set=' + h.setName);
                const c = db.getSiblingDB('mongosh_it').crud;
                c.drop();
                c.insertMany([{_id: 1, n: 1}, {_id: 2, n: 2}]);
                c.updateOne({_id: 1}, {$inc: {n: 10}});
                c.deleteOne({_id: 2});
                print('docs=' + JSON.stringify(c.find().toArray()));
                """);
        assertTrue(out.contains("primary=true set=rs0"), out);
        assertTrue(out.contains("docs=[{\"_id\":1,\"n\":11}]"), out);
    }
}
