package dev.tusk.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void defaults() throws Exception {
        TuskConfig c = CommandLine.parse(new String[0], Map.of());
        assertEquals(27017, c.port());
        assertEquals("127.0.0.1", c.bind());
        assertEquals(Path.of(".tusk"), c.dataDir());
        assertEquals(Optional.of("rs0"), c.replicaSetName());
        assertTrue(c.postgresUrl().isEmpty());
    }

    @Test
    void flagsWithSpaceOrEquals() throws Exception {
        TuskConfig c = CommandLine.parse(new String[] {"--port", "0", "--bind=0.0.0.0", "--data-dir", "/tmp/x",
                "--replica-set", "prod", "--advertise=db:1", "--log-level", "DEBUG", "--pool-size", "5"}, Map.of());
        assertEquals(0, c.port());
        assertEquals("0.0.0.0", c.bind());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
        assertEquals(Optional.of("prod"), c.replicaSetName());
        assertEquals(Optional.of("db:1"), c.advertise());
        assertEquals("debug", c.logLevel());
        assertEquals(5, c.poolSize());
    }

    @Test
    void postgresUrlFromFlagOrEnvironment() throws Exception {
        assertEquals(Optional.of("jdbc:postgresql://h/db"),
                CommandLine.parse(new String[0], Map.of("TUSK_POSTGRES_URL", "jdbc:postgresql://h/db")).postgresUrl());
        assertEquals(Optional.of("jdbc:postgresql://flag/db"), CommandLine.parse(
                new String[] {"--postgres-url", "jdbc:postgresql://flag/db"}, Map.of("TUSK_POSTGRES_URL", "x")).postgresUrl());
    }

    @Test
    void standalone() throws Exception {
        assertFalse(CommandLine.parse(new String[] {"--standalone"}, Map.of()).replicaSetName().isPresent());
    }

    @Test
    void badInputIsAUsageError() {
        assertTrue(assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {"--help"}, Map.of())).isHelp());
        assertFalse(assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {"--port", "99999"}, Map.of())).isHelp());
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"--port"}, Map.of()));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"--nope"}, Map.of()));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"--log-level", "loud"}, Map.of()));
    }
}
