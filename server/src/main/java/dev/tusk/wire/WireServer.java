package dev.tusk.wire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB wire protocol listener: NIO event loops (one acceptor, two workers) that only frame,
 * decode and write; commands run on per-connection virtual threads via the {@link CommandExecutor}.
 */
public final class WireServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WireServer.class);
    private static final int WORKER_THREADS = 2;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final InetSocketAddress address;
    private final Set<ConnectionHandler> connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WireServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel,
            Set<ConnectionHandler> connections) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.address = (InetSocketAddress) serverChannel.localAddress();
        this.connections = connections;
    }

    /**
     * Binds and starts accepting connections.
     *
     * @param port 0 for an ephemeral port (see {@link #port()})
     * @throws IllegalStateException if the address cannot be bound
     */
    public static WireServer start(String bindHost, int port, CommandExecutor executor) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("tusk-wire-accept"));
        EventLoopGroup workers = new NioEventLoopGroup(WORKER_THREADS, new DefaultThreadFactory("tusk-wire-io"));
        Set<ConnectionHandler> connections = ConcurrentHashMap.newKeySet();
        AtomicInteger replyIds = new AtomicInteger();
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ConnectionHandler handler = new ConnectionHandler(executor, replyIds, ch);
                            connections.add(handler);
                            handler.finished().whenComplete((v, e) -> connections.remove(handler));
                            ch.pipeline().addLast("frames", new FrameDecoder())
                                    .addLast("messages", new MessageDecoder())
                                    .addLast("commands", handler);
                        }
                    })
                    .bind(bindHost, port)
                    .syncUninterruptibly()
                    .channel();
            WireServer server = new WireServer(boss, workers, channel, connections);
            log.info("listening for MongoDB clients on {}", channel.localAddress());
            return server;
        } catch (Exception e) { // bind failures arrive as checked exceptions thrown sneakily by Netty
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IllegalStateException("cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return address.getPort();
    }

    /**
     * Stops accepting, closes every connection, waits (bounded) until the executor has been told
     * each one closed, then stops the event loops. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        connections.forEach(c -> c.channel().close());
        awaitConnections();
        boss.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        // stopping the workers also closes any channel that was still being registered
        workers.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        awaitConnections();
        log.info("stopped listening on {}", address);
    }

    private void awaitConnections() {
        CompletableFuture<?>[] pending = connections.stream()
                .map(ConnectionHandler::finished)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("{} connections still busy after {} s; stopping anyway", connections.size(), CLOSE_TIMEOUT_SECONDS);
        } catch (ExecutionException e) {
            log.warn("closing connections failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
