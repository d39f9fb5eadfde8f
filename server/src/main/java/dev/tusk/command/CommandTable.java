package dev.tusk.command;

import dev.tusk.dispatch.Command;
import java.util.List;

/** Every command Tusk answers, one line each, alphabetical. Adding a command: one class, one line here. */
public final class CommandTable {
    private CommandTable() {}

    /** Every command; test-only ones (configureFailPoint, testVersion1/2) only when asked for. */
    public static List<Command> all(boolean testCommands) {
        List<Command> all = new java.util.ArrayList<>(all());
        if (testCommands) {
            all.add(new ConfigureFailPointCommand());
            all.add(new TestVersionCommand("testVersion1"));
            all.add(new TestVersionCommand("testVersion2"));
        }
        return all;
    }

    public static List<Command> all() {
        return List.of(
                new TransactionCommand("abortTransaction"),
                new AggregateCommand(),
                new BuildInfoCommand(),
                new CollStatsCommand(),
                new CloneCollectionAsCappedCommand(),
                new CollModCommand(),
                new TransactionCommand("commitTransaction"),
                new CompactCommand(),
                new ConnectionStatusCommand(),
                new ConvertToCappedCommand(),
                new CountCommand(),
                new CreateCommand(),
                new CreateIndexesCommand(),
                new SearchIndexCommand("createSearchIndexes"),
                new CurrentOpCommand(),
                new DbHashCommand(),
                new DbStatsCommand(),
                new DeleteCommand(),
                new DistinctCommand(),
                new DropCommand(),
                new DropDatabaseCommand(),
                new DropIndexesCommand(),
                new SearchIndexCommand("dropSearchIndex"),
                new EndSessionsCommand(),
                new ExplainCommand(),
                new FindAndModifyCommand(),
                new FindCommand(),
                new GetCmdLineOptsCommand(),
                new GetDefaultRWConcernCommand(),
                new GetLogCommand(),
                new GetMoreCommand(),
                new GetParameterCommand(),
                new HelloCommand(),
                new HostInfoCommand(),
                new InsertCommand(),
                new KillSessionsCommand("killAllSessions"),
                new KillSessionsCommand("killAllSessionsByPattern"),
                new KillCursorsCommand(),
                new KillOpCommand(),
                new KillSessionsCommand("killSessions"),
                new ListCollectionsCommand(),
                new ListCommandsCommand(),
                new ListDatabasesCommand(),
                new ListIndexesCommand(),
                new MapReduceCommand(),
                new PingCommand(),
                new ProfileCommand(),
                new ReIndexCommand(),
                new RefreshSessionsCommand(),
                new RenameCollectionCommand(),
                new ReplSetGetConfigCommand(),
                new ReplSetGetStatusCommand(),
                new ServerStatusCommand(),
                new SetFeatureCompatibilityVersionCommand(),
                new SetParameterCommand(),
                new StartSessionCommand(),
                new TopCommand(),
                new UpdateCommand(),
                new SearchIndexCommand("updateSearchIndex"),
                new ValidateCommand(),
                new WhatsMyUriCommand());
    }
}
