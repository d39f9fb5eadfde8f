package dev.tusk.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free TCP port for `--port 0`, so the advertised address is known before the server binds. */
final class FreePort {
    private FreePort() {}

    static int find(String bind) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + bind, e);
        }
    }
}
