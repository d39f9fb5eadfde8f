package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** hostInfo: facts about the machine Tusk runs on */
final class HostInfoCommand implements Command {
    @Override
    public String name() {
        return "hostInfo";
    }

    @Override
    public String help() {
        return "facts about the machine Tusk runs on";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        Runtime rt = Runtime.getRuntime();
        String hostname;
        try {
            hostname = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            hostname = "localhost";
        }
        long memMb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
        BsonDocument system = new BsonDocument("currentTime", new BsonDateTime(System.currentTimeMillis()))
                .append("hostname", new BsonString(hostname))
                .append("cpuAddrSize", new BsonInt32(64))
                .append("memSizeMB", new BsonInt64(memMb))
                .append("memLimitMB", new BsonInt64(memMb))
                .append("numCores", new BsonInt32(rt.availableProcessors()))
                .append("cpuArch", new BsonString(System.getProperty("os.arch")))
                .append("numaEnabled", BsonBoolean.FALSE);
        BsonDocument os = new BsonDocument("type", new BsonString(System.getProperty("os.name")))
                .append("name", new BsonString(System.getProperty("os.name")))
                .append("version", new BsonString(System.getProperty("os.version")));
        return Replies.ok(new BsonDocument("system", system).append("os", os).append("extra", new BsonDocument()));
    }
}
