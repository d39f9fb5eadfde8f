package dev.tusk.it.spec;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MongoDB's unified-format spec tests (../shared/specs, read at test time) against Tusk or any
 * server named by tusk.spec.uri. One container per file, one test per case. Cases excluded by
 * runOnRequirements or skipReason are skipped; a failing case passes only when it is listed in
 * spec-expected-failures.txt, and a listed case that passes fails so the list stays true.
 * With -Dtusk.compat.write=true the run also regenerates docs/COMPATIBILITY.md.
 */
class SpecIT {
    private static final Logger LOG = LoggerFactory.getLogger(SpecIT.class);
    private static final Duration WATCHDOG = Duration.ofSeconds(60);
    private static final ConcurrentLinkedQueue<CaseResult> RESULTS = new ConcurrentLinkedQueue<>();
    private static String uri;
    private static MongoClient internal;
    private static ServerFacts server;
    private static ExpectedFailures expected;
    private static long started;

    @TestFactory
    Stream<DynamicNode> specs() {
        Path dir = SpecSource.specsDir();
        uri = SpecSource.targetUri();
        internal = MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.readTimeout(30, TimeUnit.SECONDS))
                .applyConnectionString(new ConnectionString(uri)).build());
        server = new ServerFacts(internal);
        expected = ExpectedFailures.load();
        started = System.nanoTime();
        LOG.info("spec tests from {} against {} (MongoDB {} {})", dir, uri, server.version(), server.topology());
        List<DynamicNode> files = new ArrayList<>();
        for (Path p : SpecSource.files(dir)) {
            SpecFile f = SpecFile.load(p);
            List<DynamicNode> cases = f.tests().stream()
                    .<DynamicNode>map(tc -> DynamicTest.dynamicTest(tc.id(), () -> runCase(tc))).toList();
            files.add(DynamicContainer.dynamicContainer(f.area() + "/" + f.name(), cases));
        }
        return files.stream();
    }

    private static void runCase(TestCase tc) throws Throwable {
        Optional<String> skip = skipReason(tc);
        if (skip.isPresent()) {
            record(tc, CaseResult.Status.SKIPPED, skip.get(), Set.of());
            Assumptions.abort(skip.get());
        }
        TestExecutor executor = new TestExecutor(internal, uri);
        Throwable failure = null;
        try {
            if (!tc.file().schemaSupported()) {
                throw new RunnerException("unsupported schemaVersion " + tc.file().schemaVersion());
            }
            Assertions.assertTimeoutPreemptively(WATCHDOG, () -> executor.run(tc),
                    () -> "watchdog: case did not finish within " + WATCHDOG.toSeconds() + " s");
        } catch (Throwable t) {
            failure = t;
            executor.cleanUp(true);
        }
        Optional<String> listed = expected.reason(tc.id());
        if (failure == null) {
            if (listed.isPresent()) {
                record(tc, CaseResult.Status.NOW_PASSES, null, executor.commandsSeen());
                Assertions.fail("now passes: remove it from " + ExpectedFailures.RESOURCE + " (listed as: " + listed.get() + ")");
            }
            record(tc, CaseResult.Status.PASSED, null, executor.commandsSeen());
        } else if (listed.isPresent()) {
            record(tc, CaseResult.Status.EXPECTED_FAILURE, message(failure), executor.commandsSeen());
            LOG.info("expected failure: {}: {}", tc.id(), listed.get());
        } else {
            record(tc, CaseResult.Status.FAILED, message(failure), executor.commandsSeen());
            throw failure;
        }
    }

    private static Optional<String> skipReason(TestCase tc) {
        if (tc.skipReason() != null) {
            return Optional.of("skipReason: " + tc.skipReason());
        }
        Optional<String> file = RunOnRequirements.unmet(tc.file().runOnRequirements(), server);
        return file.isPresent() ? file : RunOnRequirements.unmet(tc.runOnRequirements(), server);
    }

    private static String message(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.length() > 2000 ? m.substring(0, 2000) + "…" : m;
    }

    private static void record(TestCase tc, CaseResult.Status status, String message, Set<String> observed) {
        Set<String> commands = new TreeSet<>(observed);
        commands.addAll(Coverage.expectedCommands(tc));
        RESULTS.add(new CaseResult(tc.id(), tc.area(), status, message, Coverage.operations(tc), commands,
                Coverage.operators(tc)));
    }

    @AfterAll
    static void report() throws Exception {
        if (internal == null) {
            return;
        }
        internal.close();
        ResultsWriter.write(RESULTS, SpecSource.buildDir());
        LOG.info("{}spec run took {} s", ResultsWriter.summary(RESULTS),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        if (Boolean.getBoolean("tusk.compat.write") && SpecSource.setting("tusk.spec.only", "TUSK_SPEC_ONLY") != null) {
            LOG.warn("docs/COMPATIBILITY.md not regenerated: tusk.spec.only ran a part of the spec tests");
        } else if (Boolean.getBoolean("tusk.compat.write")) {
            Path doc = SpecSource.projectRoot().resolve("docs/COMPATIBILITY.md");
            CompatReport.update(doc, RESULTS);
            LOG.info("regenerated {}", doc);
        }
    }
}
