package dev.tusk.query;

/** PCRE pattern text in Java's syntax (POSIX classes), shared with the expression engine's regex operators. */
public final class PcreSyntax {
    private PcreSyntax() {}

    public static String toJava(String pcre) {
        return EvaluationOps.javaSyntax(pcre);
    }
}
