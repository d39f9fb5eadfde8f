package dev.tusk.dispatch;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The table of commands: built once, rejects duplicate names, looked up by name or alias. */
public final class CommandRegistry {
    private final Map<String, Command> byName;
    private final List<Command> commands;

    public CommandRegistry(List<Command> commands) {
        Map<String, Command> map = new TreeMap<>();
        for (Command c : commands) {
            register(map, c.name(), c);
            for (String alias : c.aliases()) {
                register(map, alias, c);
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        this.commands = List.copyOf(commands);
    }

    private static void register(Map<String, Command> map, String name, Command c) {
        if (map.putIfAbsent(name, c) != null) {
            throw new IllegalStateException("command registered twice: " + name);
        }
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every name (canonical and alias), sorted. */
    public Map<String, Command> byName() {
        return byName;
    }

    public List<Command> commands() {
        return commands;
    }
}
