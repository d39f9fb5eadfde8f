package dev.tusk.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** MongoDB's logLevel (0: informational, 1 to 5: more debug output) as the level of Tusk's own loggers. */
final class LogVerbosity {
    private static volatile int level;

    private LogVerbosity() {}

    static int get() {
        return level;
    }

    /** Sets the level; returns the one before. */
    static int set(int newLevel) {
        int was = level;
        level = newLevel;
        if (LoggerFactory.getLogger("dev.tusk") instanceof Logger tusk) {
            tusk.setLevel(newLevel == 0 ? Level.INFO : newLevel == 1 ? Level.DEBUG : Level.TRACE);
        }
        return was;
    }
}
