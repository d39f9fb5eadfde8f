package dev.tusk.expr;

import dev.tusk.query.Collation;
import java.util.HashSet;
import java.util.Set;

/**
 * What the parser needs to know: the command's variables, the names bound by enclosing
 * {@code $let}/{@code $map}/{@code $filter}/{@code $reduce} (a reference to anything else is 17276),
 * whether blocking stages may spill to disk (the command's allowDiskUse; MongoDB 7.0's default is yes)
 * and the command's collation ($match and $sort compare strings by it).
 */
public record ParseContext(Variables variables, Set<String> scope, boolean allowDiskUse, Collation collation) {
    public ParseContext {
        scope = Set.copyOf(scope);
    }

    public static ParseContext of(Variables variables) {
        return new ParseContext(variables, Set.of(), true, Collation.SIMPLE);
    }

    public ParseContext withDiskUse(boolean allowed) {
        return new ParseContext(variables, scope, allowed, collation);
    }

    public ParseContext withCollation(Collation c) {
        return new ParseContext(variables, scope, allowDiskUse, c);
    }

    public static ParseContext defaults() {
        return of(Variables.defaults());
    }

    public ParseContext bind(String... names) {
        Set<String> all = new HashSet<>(scope);
        all.addAll(Set.of(names));
        return new ParseContext(variables, all, allowDiskUse, collation);
    }

    boolean isDefined(String name) {
        return scope.contains(name) || variables.user().containsKey(name);
    }
}
