package dev.tusk.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working (CI runs this, never the full benchmark): a few hundred documents,
 * one-second phases, and both sides must agree on every checked result. Asserts nothing on timings.
 */
class BenchSmokeTest {
    @Test
    void tinyRunCompletesAndBothSidesAgree() throws Exception {
        Path out = Files.createTempDirectory("tusk-bench-smoke");
        boolean agreed = BenchMain.run(BenchConfig.parse(new String[] {
                "--docs", "300", "--threads", "2", "--seconds", "1", "--warmup", "0", "--batch", "100",
                "--out", out.toString()}));
        assertTrue(agreed, "Tusk and the SQL limit returned different results");
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".json")), "no JSON result written");
        }
    }
}
