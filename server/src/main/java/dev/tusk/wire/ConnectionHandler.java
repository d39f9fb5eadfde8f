package dev.tusk.wire;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline: hands each {@link WireRequest} to the
 * {@link CommandExecutor} on the connection's {@link SerialExecutor} (so replies keep request order
 * and the event loop never waits on a command) and writes the reply. open/close of the executor
 * run on the same queue, close exactly once after the last request. A failing command becomes an
 * InternalError reply; it never closes the connection.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    static final AttributeKey<ConnectionState> STATE = AttributeKey.valueOf("tusk.connectionState");

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    /** Past this many queued requests the socket is not read until the queue drains to RESUME_AT. */
    private static final int PAUSE_AT = 16;
    private static final int RESUME_AT = 4;

    private final CommandExecutor executor;
    private final AtomicInteger replyIds;
    private final SerialExecutor tasks;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Channel channel;
    private volatile ConnectionState state;

    ConnectionHandler(CommandExecutor executor, AtomicInteger replyIds, Channel channel) {
        this.executor = executor;
        this.replyIds = replyIds;
        this.channel = channel;
        this.tasks = new SerialExecutor("tusk-conn-" + channel.remoteAddress());
    }

    /** Completes once the executor has been told the connection closed (or it never opened). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String remote = String.valueOf(channel.remoteAddress());
        String local = String.valueOf(channel.localAddress());
        tasks.execute(() -> open(remote, local));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WireRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (pending.incrementAndGet() >= PAUSE_AT) {
            channel.config().setAutoRead(false);
        }
        tasks.execute(() -> {
            try {
                handle(request);
            } finally {
                // toggled on the event loop only, so a pause and a resume cannot cross
                if (pending.decrementAndGet() == RESUME_AT && channel.isOpen()) {
                    channel.eventLoop().execute(this::resumeIfDrained);
                }
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        finish(); // covers a channel closed before it ever became active
        ctx.fireChannelUnregistered();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        }
        ctx.close();
    }

    private void resumeIfDrained() {
        if (pending.get() <= RESUME_AT && channel.isOpen() && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    private void open(String remote, String local) {
        try {
            ConnectionState opened = executor.open(remote, local);
            channel.attr(STATE).set(opened);
            state = opened;
            log.debug("connection {} accepted from {}", opened.connectionId(), remote);
        } catch (RuntimeException e) {
            log.error("could not open a connection for {}", remote, e);
            channel.close();
        }
    }

    private void handle(WireRequest request) {
        ConnectionState connection = state;
        if (connection == null) {
            return; // open failed: the channel is closing
        }
        if (!request.moreToCome() && !channel.isActive()) {
            return; // nobody is left to read the reply; unacknowledged writes still run
        }
        BsonDocument reply;
        try {
            reply = execute(request, connection);
        } catch (CloseConnection close) {
            channel.close();
            return;
        }
        if (request.moreToCome() || !channel.isActive()) {
            return;
        }
        ByteBuf message;
        try {
            message = ReplyEncoder.encode(channel.alloc(), request, reply, replyIds.incrementAndGet());
        } catch (RuntimeException e) {
            log.error("could not encode the reply to {} on connection {}", commandName(request),
                    connection.connectionId(), e);
            message = ReplyEncoder.encode(channel.alloc(), request,
                    internalError("could not encode reply: " + e), replyIds.incrementAndGet());
        }
        ChannelFuture written = channel.writeAndFlush(message);
        if (!channel.isWritable()) {
            // the client is not reading its replies: stop producing more until it does
            written.awaitUninterruptibly();
        }
    }

    private BsonDocument execute(WireRequest request, ConnectionState connection) {
        try {
            BsonDocument reply = executor.execute(request, connection);
            if (reply == null) {
                throw new IllegalStateException("the command executor returned no reply");
            }
            return reply;
        } catch (MongoServerException e) {
            return e.toReply();
        } catch (CloseConnection e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            log.error("command {} failed on connection {} from {}", commandName(request),
                    connection.connectionId(), connection.remoteAddress(), e);
            return internalError(e.toString());
        }
    }

    private void finish() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        tasks.execute(() -> {
            try {
                ConnectionState connection = state;
                if (connection != null) {
                    executor.close(connection);
                    log.debug("connection {} closed", connection.connectionId());
                }
            } catch (RuntimeException e) {
                log.error("closing connection state failed", e);
            } finally {
                finished.complete(null);
            }
        });
    }

    private static BsonDocument internalError(String message) {
        return ErrorCode.INTERNAL_ERROR.error(message).toReply();
    }

    private static String commandName(WireRequest request) {
        return request.command().isEmpty() ? "<empty>" : request.command().getFirstKey();
    }
}
