package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * getDefaultRWConcern: the implicit defaults, as a one-member replica set reports them ({@code w: "majority"}) where
 * a PostgreSQL commit waits for the disk, else what a write without a writeConcern gets ({@code w: 1}: committed, on
 * disk soon after). Setting them (setDefaultRWConcern) is not supported.
 */
final class GetDefaultRWConcernCommand implements Command {
    @Override
    public String name() {
        return "getDefaultRWConcern";
    }

    @Override
    public String help() {
        return "the default read and write concerns";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        boolean majority = cx.topology().isReplicaSet() && cx.durability().commitsWaitForDisk();
        BsonValue w = majority ? new BsonString("majority") : new BsonInt32(1);
        return Replies.ok(new BsonDocument("defaultReadConcern", new BsonDocument("level", new BsonString("local")))
                .append("defaultWriteConcern", new BsonDocument("w", w).append("wtimeout", new BsonInt64(0)))
                .append("defaultReadConcernSource", new BsonString("implicit"))
                .append("defaultWriteConcernSource", new BsonString("implicit"))
                .append("localUpdateWallClockTime", new BsonDateTime(System.currentTimeMillis())));
    }
}
