package dev.tusk.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import org.junit.jupiter.api.function.Executable;

/** The geo tests' check of a MongoDB error: its code, and its message when the case gives one (null: any). */
public final class GeoErrors {
    private GeoErrors() {}

    public static void assertError(int code, String message, Executable action) {
        MongoServerException e = assertThrows(MongoServerException.class, action);
        assertEquals(code, e.code().code(), e.getMessage());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }
}
