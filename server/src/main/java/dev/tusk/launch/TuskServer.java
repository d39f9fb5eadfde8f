package dev.tusk.launch;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tusk.catalog.Catalog;
import dev.tusk.command.CommandTable;
import dev.tusk.cursor.CursorRegistry;
import dev.tusk.dispatch.ClusterClock;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRegistry;
import dev.tusk.dispatch.Dispatcher;
import dev.tusk.dispatch.ServerStats;
import dev.tusk.dispatch.Topology;
import dev.tusk.exec.DocumentStore;
import dev.tusk.pg.EmbeddedPostgres;
import dev.tusk.wire.WireServer;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Tusk: PostgreSQL (embedded or given), the catalog, the command table and the wire server. */
public final class TuskServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TuskServer.class);

    private final Optional<EmbeddedPostgres> embedded;
    private final HikariDataSource dataSource;
    private final CommandContext context;
    private final WireServer wire;
    private final dev.tusk.exec.TtlMonitor ttl;
    private final String host;
    private volatile boolean closed;

    private TuskServer(Optional<EmbeddedPostgres> embedded, HikariDataSource dataSource, CommandContext context,
            WireServer wire, String host, dev.tusk.exec.TtlMonitor ttl) {
        this.ttl = ttl;
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.context = context;
        this.wire = wire;
        this.host = host;
    }

    public static TuskServer start(TuskConfig config) {
        Optional<EmbeddedPostgres> embedded = Optional.empty();
        HikariDataSource ds = null;
        dev.tusk.exec.TtlMonitor ttl = null;
        try {
            String url;
            if (config.postgresUrl().isPresent()) {
                url = config.postgresUrl().get();
            } else {
                embedded = Optional.of(EmbeddedPostgres.start(config.dataDir()));
                url = embedded.get().jdbcUrl();
            }
            log.info("PostgreSQL: {}", url);
            ds = dataSource(url, config.poolSize());
            Catalog catalog = new Catalog(ds);
            catalog.migrate();
            CursorRegistry cursors = new CursorRegistry();
            int port = config.port() == 0 ? FreePort.find(config.bind()) : config.port();
            String me = config.advertise().orElse(hostForClients(config.bind()) + ":" + port);
            Topology topology = new Topology(config.replicaSetName(), me, new ObjectId(), new ObjectId());
            DocumentStore store = new DocumentStore(ds);
            dev.tusk.exec.IndexRegistry indexes = new dev.tusk.exec.IndexRegistry(catalog);
            CommandContext cx = new CommandContext(config, catalog, store, indexes, cursors, new ServerStats(),
                    new ClusterClock(), topology, new CommandRegistry(CommandTable.all(config.enableTestCommands())),
                    new dev.tusk.dispatch.FailPoints(), new dev.tusk.session.LocalSessions(),
                    new dev.tusk.dispatch.Operations(), new dev.tusk.exec.Durability(ds));
            WireServer wire = WireServer.start(config.bind(), port, new Dispatcher(cx));
            ttl = new dev.tusk.exec.TtlMonitor(catalog, store, indexes, config.ttlMonitorSeconds());
            dev.tusk.exec.TypedNumbersUpgrade.startInBackground(catalog, store);
            return new TuskServer(embedded, ds, cx, wire, me, ttl);
        } catch (RuntimeException e) {
            if (ds != null) {
                ds.close();
            }
            embedded.ifPresent(EmbeddedPostgres::close);
            throw e;
        }
    }

    private static String hostForClients(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
    }

    private static HikariDataSource dataSource(String url, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(2);
        hc.setPoolName("tusk");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", "tusk");
        // server-side prepared from the first execution; PostgreSQL still re-plans with the values
        // where its generic plan would be worse (forcing generic plans made an indexed equality on
        // 1,000,000 documents scan the whole table: measured 2.2 s instead of 1 ms)
        hc.addDataSourceProperty("prepareThreshold", "1");
        // reads are keyset pages of at most 1000 rows: starting parallel workers for each page cost
        // more than they save (a Gather Merge added ~8 ms to a 1 ms indexed range page, measured).
        // JIT compiles the sort-key expressions of a top-k sort (SortSql) for seconds: 6.9 s against
        // 8 ms without it on 400 rows, measured; Tusk's statements are short, so it is off.
        hc.addDataSourceProperty("options", "-c max_parallel_workers_per_gather=0 -c jit=off");
        return new HikariDataSource(hc);
    }

    /** The connection string clients use, e.g. mongodb://127.0.0.1:27017/. */
    public String connectionString() {
        return "mongodb://" + host + "/";
    }

    public int port() {
        return wire.port();
    }

    /** Runs the typed-numbers upgrade of older collections now (it also runs once in the background at start). */
    public int upgradeTypedNumbers() {
        return dev.tusk.exec.TypedNumbersUpgrade.run(context.catalog(), context.store());
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("stopping Tusk");
        context.stats().markStopping();
        ttl.close();
        wire.close();
        context.cursors().close();
        dataSource.close();
        embedded.ifPresent(EmbeddedPostgres::close);
    }
}
