package dev.tusk.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** `tusk start`: runs Tusk in the foreground until Ctrl-C / SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        TuskConfig config;
        try {
            config = CommandLine.parse(args, System.getenv());
        } catch (CommandLine.UsageException e) {
            (e.isHelp() ? System.out : System.err).println(e.getMessage());
            System.exit(e.isHelp() ? 0 : 2);
            return;
        }
        setLogLevel(config.logLevel());
        TuskServer server;
        try {
            server = TuskServer.start(config);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("Tusk failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tusk-shutdown"));
        System.out.println("Tusk ready: " + server.connectionString());
        System.out.flush();
        stopped.await();
    }

    private static void setLogLevel(String level) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger("dev.tusk").setLevel(Level.toLevel(level, Level.INFO));
    }
}
