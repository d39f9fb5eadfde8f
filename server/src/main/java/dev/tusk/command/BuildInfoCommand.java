package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** buildInfo: the MongoDB version Tusk presents and how it was built */
final class BuildInfoCommand implements Command {
    @Override
    public String name() {
        return "buildInfo";
    }

    @Override
    public String help() {
        return "the MongoDB version Tusk presents and how it was built";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonArray versionArray = new BsonArray();
        ServerInfo.VERSION_ARRAY.forEach(v -> versionArray.add(new BsonInt32(v)));
        return Replies.ok(new BsonDocument("version", new BsonString(ServerInfo.VERSION))
                .append("gitVersion", new BsonString("tusk"))
                .append("modules", new BsonArray())
                .append("allocator", new BsonString("system"))
                .append("javascriptEngine", new BsonString("none"))
                .append("sysInfo", new BsonString("deprecated"))
                .append("versionArray", versionArray)
                .append("openssl", new BsonDocument("running", new BsonString("disabled")).append("compiled", new BsonString("disabled")))
                .append("buildEnvironment", new BsonDocument("distmod", new BsonString("tusk")).append("target_os", new BsonString(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT))))
                .append("bits", new BsonInt32(64))
                .append("debug", BsonBoolean.FALSE)
                .append("maxBsonObjectSize", new BsonInt32(ServerInfo.MAX_BSON_OBJECT_SIZE))
                .append("storageEngines", new BsonArray(java.util.List.of(new BsonString("postgresql")))));
    }
}
