package dev.tusk.dispatch;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.session.RetryableWrites;
import dev.tusk.wire.CommandExecutor;
import dev.tusk.wire.ConnectionState;
import dev.tusk.wire.WireRequest;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from the wire to the command table: parses generic arguments, finds the handler, turns
 * exceptions into MongoDB error replies and stamps replica-set replies with cluster time.
 */
public final class Dispatcher implements CommandExecutor {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Set<String> LEGACY_OP_QUERY_COMMANDS = Set.of("hello", "isMaster", "ismaster");

    private final CommandContext cx;
    private final RetryableWrites retryableWrites = new RetryableWrites();
    private final AtomicLong connectionIds = new AtomicLong();

    public Dispatcher(CommandContext cx) {
        this.cx = cx;
    }

    @Override
    public ConnectionState open(String remoteAddress, String localAddress) {
        cx.stats().connectionOpened();
        ClientConnection connection = new ClientConnection(connectionIds.incrementAndGet(), remoteAddress, localAddress);
        cx.operations().opened(connection);
        return connection;
    }

    @Override
    public void close(ConnectionState connection) {
        cx.stats().connectionClosed();
        if (connection instanceof ClientConnection c) {
            cx.operations().closed(c);
        }
    }

    @Override
    public BsonDocument execute(WireRequest request, ConnectionState connection) {
        BsonDocument reply;
        Operations.Op op = started(request, connection);
        try {
            reply = run(request, connection);
        } catch (MongoServerException e) {
            // killOp cancels the operation's statements: PostgreSQL reports a cancel, MongoDB an interruption
            reply = op != null && op.killed() ? ErrorCode.INTERRUPTED.error("operation was interrupted").toReply() : e.toReply();
        } catch (dev.tusk.wire.CloseConnection e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("internal error running {}", describe(request), e);
            reply = ErrorCode.INTERNAL_ERROR.error(String.valueOf(e.getMessage())).toReply();
        } finally {
            if (op != null) {
                cx.operations().finish(op);
            }
        }
        if (cx.topology().isReplicaSet()) {
            BsonTimestamp t = cx.clock().now();
            reply.append("$clusterTime", cx.clock().clusterTime(t));
            reply.append("operationTime", t);
        }
        return reply;
    }

    /** The operation $currentOp shows while the command runs (none for an empty command document). */
    private Operations.Op started(WireRequest request, ConnectionState connection) {
        BsonDocument body = request.command();
        if (body.isEmpty() || !(connection instanceof ClientConnection c)) {
            return null;
        }
        String db = body.isString("$db") ? body.getString("$db").getValue()
                : request.legacyNamespace().map(ns -> ns.contains(".") ? ns.substring(0, ns.indexOf('.')) : ns).orElse("admin");
        return cx.operations().start(c, body.getFirstKey(), body, db);
    }

    private BsonDocument run(WireRequest request, ConnectionState connection) {
        BsonDocument body = request.command();
        if (body.isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("Command document is empty");
        }
        String name = body.getFirstKey();
        if (request.legacyNamespace().isPresent()) {
            if (!LEGACY_OP_QUERY_COMMANDS.contains(name)) {
                throw ErrorCode.UNSUPPORTED_OP_QUERY_COMMAND.error(
                        "Unsupported OP_QUERY command: %s. The client driver may require an upgrade.", name);
            }
            String ns = request.legacyNamespace().get();
            int dot = ns.indexOf('.');
            body = body.clone();
            body.put("$db", new BsonString(dot < 0 ? ns : ns.substring(0, dot)));
        }
        GenericArguments generic = GenericArguments.parse(body);
        generic.lsid().ifPresent(cx.sessions()::touch);
        Command command = cx.commands().find(name)
                .orElseThrow(() -> ErrorCode.COMMAND_NOT_FOUND.error("no such command: '%s'", name));
        StableApi.check(name, body);
        Transactions.refuse(body);
        cx.stats().count(name, 1);
        CommandRequest cr = new CommandRequest(name, body, generic.database(), generic, connection);
        java.util.Optional<FailPoints.Action> fail = cx.failPoints().check(name,
                connection instanceof ClientConnection cc ? cc.clientMetadata() : java.util.Optional.empty());
        if (fail.isPresent()) {
            return failed(fail.get(), command, cr);
        }
        WriteConcern writeConcern = command.acceptsWriteConcern() ? WriteConcern.parse(generic.writeConcern()) : WriteConcern.DEFAULT;
        writeConcern.checkFor(cx.topology());
        if (writeConcern.journal()) {
            cx.durability().checkJournalAvailable();
        }
        return concluded(writeConcern, executeWrites(command, cr, generic, connection));
    }

    /** After the command: the write concern met (a flush for j: true) or its writeConcernError, as MongoDB waits for it. */
    private BsonDocument concluded(WriteConcern writeConcern, BsonDocument reply) {
        boolean ok = reply.get("ok") instanceof org.bson.BsonNumber n && n.doubleValue() == 1;
        if (writeConcern == WriteConcern.DEFAULT || !ok || reply.containsKey("writeConcernError")) {
            return reply;
        }
        if (writeConcern.durable()) {
            cx.durability().flushCommitted();
        }
        // a copy: a retryable write's reply is also kept to answer its retries
        return writeConcern.error(cx.topology()).map(e -> reply.clone().append("writeConcernError", e)).orElse(reply);
    }

    private BsonDocument executeWrites(Command command, CommandRequest cr, GenericArguments generic, ConnectionState connection) {
        if (retryableWrite(command, cr)) {
            // as on MongoDB the fail point fires where a statement is written, so not for a retry that gets the earlier reply
            java.util.Optional<FailPoints.Action> interrupt = retryableWrites.ranBefore(generic.lsid().get(), generic.txnNumber().getAsLong())
                    ? java.util.Optional.empty() : cx.failPoints().checkTransactionalWrite();
            if (interrupt.isPresent() && interrupt.get().failBeforeCommitExceptionCode().isPresent()) {
                if (interrupt.get().closeConnectionUnlessFalse()) {
                    throw new dev.tusk.wire.CloseConnection();
                }
                return failPointError(interrupt.get().failBeforeCommitExceptionCode().get(),
                        "Failing write for test due to failBeforeCommitExceptionCode");
            }
            BsonDocument reply = RetryableErrors.label(retryableWrites.run(generic.lsid().get(), generic.txnNumber().getAsLong(),
                    () -> executeCatching(command, cr)));
            if (interrupt.isPresent() && interrupt.get().closeConnectionUnlessFalse()) {
                throw new dev.tusk.wire.CloseConnection(); // committed, but the client never hears of it
            }
            return reply;
        }
        return command.execute(cr, cx);
    }

    /** What the failCommand fail point makes of this command: a block, a closed connection, an error or a writeConcernError. */
    private BsonDocument failed(FailPoints.Action action, Command command, CommandRequest cr) {
        if (action.blockMillis() > 0) {
            cx.stats().awaitStopping(action.blockMillis());
        }
        if (action.closeConnection()) {
            throw new dev.tusk.wire.CloseConnection();
        }
        if (action.errorCode().isPresent()) {
            int code = action.errorCode().get();
            BsonDocument reply = failPointError(code, "Failing command via 'failCommand' failpoint");
            if (StateChangeErrors.contains(code)) {
                reply.append("topologyVersion", cx.topology().topologyVersion());
            }
            action.errorLabels().ifPresent(labels -> reply.append("errorLabels", labels));
            return retryableWrite(command, cr) ? RetryableErrors.label(reply) : reply;
        }
        // a write that ran is remembered as it really ended, so the driver's retry gets its result, not a second run
        BsonDocument reply = (retryableWrite(command, cr)
                ? retryableWrites.run(cr.generic().lsid().get(), cr.generic().txnNumber().getAsLong(), () -> executeCatching(command, cr))
                : command.execute(cr, cx)).clone();
        action.writeConcernError().ifPresent(wce -> {
            reply.append("writeConcernError", wce);
            if (wce.isNumber("code") && StateChangeErrors.contains(wce.getNumber("code").intValue())) {
                reply.append("topologyVersion", cx.topology().topologyVersion());
            }
        });
        action.errorLabels().ifPresent(labels -> reply.append("errorLabels", labels));
        return retryableWrite(command, cr) ? RetryableErrors.label(reply) : reply;
    }

    private static BsonDocument failPointError(int code, String message) {
        return new BsonDocument("ok", new org.bson.BsonDouble(0))
                .append("errmsg", new BsonString(message))
                .append("code", new org.bson.BsonInt32(code))
                .append("codeName", new BsonString(ErrorCode.byCode(code).map(ErrorCode::codeName).orElse("")));
    }

    private static boolean retryableWrite(Command command, CommandRequest cr) {
        return command.isWrite() && cr.generic().lsid().isPresent() && cr.generic().txnNumber().isPresent();
    }

    private BsonDocument executeCatching(Command command, CommandRequest cr) {
        try {
            return command.execute(cr, cx);
        } catch (MongoServerException e) {
            return e.toReply();
        }
    }

    private static String describe(WireRequest request) {
        BsonDocument body = request.command();
        return body.isEmpty() ? "(empty command)" : body.getFirstKey();
    }
}
