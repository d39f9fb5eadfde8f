package dev.tusk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** Where a run happened, so results from different machines and versions are not mixed up. */
record MachineInfo(int cores, long memoryBytes, String os, String jvm, String jvmArgs, String postgres, String gitCommit) {

    static MachineInfo collect(Targets t) throws java.sql.SQLException {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                t.queryString("SELECT version()"), currentCommit());
    }

    private static String currentCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    BsonDocument toBson() {
        return new BsonDocument("cores", new BsonInt32(cores))
                .append("memoryBytes", new BsonInt64(memoryBytes))
                .append("os", new BsonString(os))
                .append("jvm", new BsonString(jvm))
                .append("jvmArgs", new BsonString(jvmArgs))
                .append("postgres", new BsonString(postgres))
                .append("gitCommit", new BsonString(gitCommit));
    }
}
