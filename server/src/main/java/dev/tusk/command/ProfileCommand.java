package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.SlowOperations;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * profile: level 0, where MongoDB logs the operations slower than {@code slowms} (a {@code sampleRate} share);
 * {@code -1} reads the settings. Levels 1 and 2 write every (slow) operation to {@code system.profile}, which Tusk
 * does not have: 238.
 */
final class ProfileCommand implements Command {
    @Override
    public String name() {
        return "profile";
    }

    @Override
    public String help() {
        return "the profiling level (0: slow operations logged) and slowms/sampleRate";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("slowms", "sampleRate", "filter"));
        BsonValue v = request.commandValue();
        if (!v.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'profile' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                    dev.tusk.bson.BsonText.typeName(v));
        }
        int level = v.asNumber().intValue();
        if (level < -1 || level > 2) {
            throw ErrorCode.BAD_VALUE.error("Invalid profiling level: %d", level);
        }
        if (level > 0) {
            throw ErrorCode.NOT_IMPLEMENTED.error(
                    "profiling level %d (system.profile) is not supported by Tusk yet; level 0 logs slow operations", level);
        }
        if (args.value("filter").isPresent()) {
            throw ErrorCode.NOT_IMPLEMENTED.error("profile with a filter is not supported by Tusk yet");
        }
        SlowOperations slow = cx.operations().slow();
        BsonDocument reply = new BsonDocument("was", new BsonInt32(0))
                .append("slowms", new BsonInt32(slow.slowMillis()))
                .append("sampleRate", new BsonDouble(slow.sampleRate()));
        int slowms = args.value("slowms").map(s -> {
            if (!s.isNumber()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field 'slowms' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                        dev.tusk.bson.BsonText.typeName(s));
            }
            return s.asNumber().intValue();
        }).orElse(slow.slowMillis());
        double sampleRate = args.value("sampleRate").map(s -> {
            double r = s.isNumber() ? s.asNumber().doubleValue() : Double.NaN;
            if (!(r >= 0 && r <= 1)) {
                throw ErrorCode.BAD_VALUE.error("'sampleRate' must be between 0.0 and 1.0 inclusive");
            }
            return r;
        }).orElse(slow.sampleRate());
        slow.set(slowms, sampleRate);
        return Replies.ok(reply);
    }
}
