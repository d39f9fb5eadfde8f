package dev.tusk.dispatch;

import dev.tusk.catalog.Catalog;
import dev.tusk.cursor.CursorRegistry;
import dev.tusk.exec.DocumentStore;
import dev.tusk.launch.TuskConfig;

/** The server-wide services a command may use. One instance per running server. */
public record CommandContext(
        TuskConfig config,
        Catalog catalog,
        DocumentStore store,
        dev.tusk.exec.IndexRegistry indexes,
        CursorRegistry cursors,
        ServerStats stats,
        ClusterClock clock,
        Topology topology,
        CommandRegistry commands,
        FailPoints failPoints,
        dev.tusk.session.LocalSessions sessions,
        Operations operations,
        dev.tusk.exec.Durability durability) {}
