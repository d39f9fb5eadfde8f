package dev.tusk.command;

import dev.tusk.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * explain of update, delete and findAndModify: the read that finds the documents (planned as the write plans it: one
 * document unless multi, findAndModify's sort) under MongoDB's UPDATE or DELETE stage. Nothing is written; with
 * executionStats the read runs and the stage reports how many documents it matched (a delete: would delete).
 */
final class ExplainedWrites {
    private static final Set<String> NAMES = Set.of("update", "delete", "findAndModify", "findandmodify");

    /** The one statement an explained write holds. */
    record Statement(BsonDocument query, Optional<BsonDocument> sort, long limit, boolean delete, boolean upsert,
            Optional<BsonValue> hint, Optional<BsonValue> collation, Optional<BsonValue> update, Optional<BsonValue> arrayFilters,
            BsonDocument let) {}

    private ExplainedWrites() {}

    static boolean handles(String command) {
        return NAMES.contains(command);
    }

    static Statement of(BsonDocument command) {
        String name = command.getFirstKey();
        if (name.equals("update") || name.equals("delete")) {
            String list = name.equals("update") ? "updates" : "deletes";
            if (!command.isArray(list) || command.getArray(list).size() != 1 || !command.getArray(list).get(0).isDocument()) {
                throw ErrorCode.INVALID_LENGTH.error("explained write batches must be of size 1");
            }
            BsonDocument s = command.getArray(list).get(0).asDocument();
            BsonDocument q = s.isDocument("q") ? s.getDocument("q") : new BsonDocument();
            String context = name + "." + list;
            boolean one = name.equals("update") ? !Flags.bool(s, "multi", context)
                    : s.isNumber("limit") && s.getNumber("limit").intValue() == 1;
            if (name.equals("update") && !s.containsKey("u")) {
                throw ErrorCode.LOCATION_40414.error("BSON field 'update.updates.u' is missing but a required field");
            }
            return new Statement(q, Optional.empty(), one ? 1 : 0, name.equals("delete"), Flags.bool(s, "upsert", context),
                    Optional.ofNullable(s.get("hint")), Optional.ofNullable(s.get("collation")), Optional.ofNullable(s.get("u")),
                    Optional.ofNullable(s.get("arrayFilters")), let(command));
        }
        BsonDocument q = command.isDocument("query") ? command.getDocument("query") : new BsonDocument();
        if (!Flags.bool(command, "remove", name) && !command.containsKey("update")) {
            throw ErrorCode.FAILED_TO_PARSE.error("Either an update or remove=true must be specified");
        }
        Optional<BsonDocument> sort = Optional.ofNullable(command.get("sort")).filter(BsonValue::isDocument).map(BsonValue::asDocument)
                .filter(d -> !d.isEmpty());
        return new Statement(q, sort, 1, Flags.bool(command, "remove", name), Flags.bool(command, "upsert", name),
                Optional.ofNullable(command.get("hint")), Optional.ofNullable(command.get("collation")),
                Optional.ofNullable(command.get("update")), Optional.ofNullable(command.get("arrayFilters")), let(command));
    }

    private static BsonDocument let(BsonDocument command) {
        return command.isDocument("let") ? command.getDocument("let") : new BsonDocument();
    }

    /**
     * How many of the matched documents the update would change: it is applied to each (as the write would, the
     * positional operator seeing the query) without writing anything.
     */
    static long wouldModify(Statement s, dev.tusk.cursor.DocumentSource matched, dev.tusk.query.FilterNode query) {
        dev.tusk.expr.Variables vars = dev.tusk.expr.Variables.withLet(s.let());
        dev.tusk.update.UpdateSpec update = dev.tusk.update.UpdateSpec.parse(s.update().orElseThrow(),
                ArrayFilterArgs.parse(s.arrayFilters().orElse(null), "explain"), vars);
        long modified = 0;
        try {
            while (!matched.exhausted()) {
                for (BsonDocument doc : matched.next(1000, 16L * 1024 * 1024)) {
                    if (update.apply(doc, false, Optional.of(query)).modified()) {
                        modified++;
                    }
                }
            }
        } finally {
            matched.close();
        }
        return modified;
    }

    /** The write's stage over the read's plan; {@code matched} (and for an update {@code modified}) when the read ran. */
    static BsonDocument stage(Statement s, BsonDocument read, Optional<Long> matched, long modified) {
        BsonDocument stage = new BsonDocument("stage", new BsonString(s.delete() ? "DELETE" : "UPDATE"));
        matched.ifPresent(n -> {
            stage.append("nReturned", new BsonInt32(0));
            if (s.delete()) {
                stage.append("nWouldDelete", new BsonInt32(n.intValue()));
            } else {
                stage.append("nMatched", new BsonInt32(n.intValue()))
                        .append("nWouldModify", new BsonInt32((int) modified))
                        .append("nWouldUpsert", new BsonInt32(s.upsert() && n == 0 ? 1 : 0));
            }
        });
        return stage.append("inputStage", read);
    }
}
