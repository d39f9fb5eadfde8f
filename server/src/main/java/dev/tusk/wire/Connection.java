package dev.tusk.wire;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served by its own thread: read a message, run the command, write the
 * reply, repeat (so replies keep request order and a client that stops reading stops being read).
 * A message that breaks the protocol closes the connection; a failing command becomes an
 * InternalError reply and the connection lives. The executor hears of the close exactly once,
 * after the last request.
 */
final class Connection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** Heap buffers: a reply is written to the socket straight from its array. */
    private static final ByteBufAllocator REPLIES = new PooledByteBufAllocator(false);
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final Socket socket;
    private final CommandExecutor executor;
    private final AtomicInteger replyIds;
    private final String remote;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Thread thread;

    Connection(Socket socket, CommandExecutor executor, AtomicInteger replyIds) {
        this.socket = socket;
        this.executor = executor;
        this.replyIds = replyIds;
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
        this.thread = Thread.ofPlatform().name("tusk-conn-" + remote).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Waits (bounded) for the connection's thread to end. */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** Completes once the executor has been told the connection closed (or it never opened). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** Closes the socket; the connection's thread then finishes its current command and ends. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the socket of {} failed: {}", remote, e.toString());
        }
    }

    @Override
    public void run() {
        ConnectionState state = null;
        try (socket) {
            state = executor.open(remote, String.valueOf(socket.getLocalSocketAddress()));
            log.debug("connection {} accepted from {}", state.connectionId(), remote);
            serve(state);
        } catch (MalformedMessageException e) {
            log.warn("closing connection from {}: {}", remote, e.getMessage());
        } catch (IOException e) {
            log.debug("connection from {} failed: {}", remote, e.toString());
        } catch (RuntimeException e) {
            log.error("closing connection from {}", remote, e);
        } finally {
            closeState(state);
        }
    }

    private void serve(ConnectionState state) throws IOException {
        FrameReader frames = new FrameReader(new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES));
        OutputStream out = socket.getOutputStream();
        for (Optional<ByteBuf> frame = frames.next(); frame.isPresent(); frame = frames.next()) {
            WireRequest request;
            BsonDocument reply;
            WireTraffic.received(frame.get().readableBytes());
            try {
                request = decode(frame.get());
                reply = execute(request, state);
            } catch (RejectedMessageException rejected) {
                request = rejected.request();
                reply = rejected.reply();
            } catch (CloseConnection close) {
                return;
            }
            if (!request.moreToCome()) {
                write(out, request, reply, state);
            }
        }
    }

    private static WireRequest decode(ByteBuf frame) {
        try {
            return MessageDecoder.decode(frame);
        } catch (MalformedMessageException | RejectedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("undecodable message", e);
        } finally {
            frame.release();
        }
    }

    private BsonDocument execute(WireRequest request, ConnectionState state) {
        try {
            BsonDocument reply = executor.execute(request, state);
            if (reply == null) {
                throw new IllegalStateException("the command executor returned no reply");
            }
            return reply;
        } catch (MongoServerException e) {
            return e.toReply();
        } catch (CloseConnection e) {
            throw e;
        } catch (RuntimeException | Error e) { // a failed class initialisation or an exhausted heap: an error reply, not a dead connection
            log.error("command {} failed on connection {} from {}", commandName(request), state.connectionId(), remote, e);
            return internalError(e.toString());
        }
    }

    private void write(OutputStream out, WireRequest request, BsonDocument reply, ConnectionState state) throws IOException {
        ByteBuf message;
        try {
            message = ReplyEncoder.encode(REPLIES, request, reply, replyIds.incrementAndGet());
        } catch (RuntimeException e) {
            log.error("could not encode the reply to {} on connection {}", commandName(request), state.connectionId(), e);
            message = ReplyEncoder.encode(REPLIES, request, internalError("could not encode reply: " + e),
                    replyIds.incrementAndGet());
        }
        try {
            WireTraffic.sent(message.readableBytes());
            message.getBytes(message.readerIndex(), out, message.readableBytes());
        } finally {
            message.release();
        }
    }

    private void closeState(ConnectionState state) {
        try {
            if (state != null) {
                executor.close(state);
                log.debug("connection {} closed", state.connectionId());
            }
        } catch (RuntimeException e) {
            log.error("closing connection state failed", e);
        } finally {
            finished.complete(null);
        }
    }

    private static BsonDocument internalError(String message) {
        return ErrorCode.INTERNAL_ERROR.error(message).toReply();
    }

    private static String commandName(WireRequest request) {
        return request.command().isEmpty() ? "<empty>" : request.command().getFirstKey();
    }
}
