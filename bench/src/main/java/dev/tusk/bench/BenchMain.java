package dev.tusk.bench;

/** `./tusk bench`: placeholder until the benchmark lands (issue 3). */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.err.println("tusk bench: not implemented yet");
        System.exit(2);
    }
}
