package dev.tusk.command;

import dev.tusk.dispatch.Command;

/** A command class that serves several command names, each registered as its own instance. */
abstract class NamedCommand implements Command {
    private final String name;

    NamedCommand(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
