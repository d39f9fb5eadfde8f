package dev.tusk.expr;

import java.util.HashSet;
import java.util.Set;

/**
 * What the parser needs to know: the command's variables, the names bound by enclosing
 * {@code $let}/{@code $map}/{@code $filter}/{@code $reduce} (a reference to anything else is 17276),
 * and whether blocking stages may spill to disk (the command's allowDiskUse; MongoDB 7.0's default is yes).
 */
public record ParseContext(Variables variables, Set<String> scope, boolean allowDiskUse) {
    public ParseContext {
        scope = Set.copyOf(scope);
    }

    public static ParseContext of(Variables variables) {
        return new ParseContext(variables, Set.of(), true);
    }

    public ParseContext withDiskUse(boolean allowed) {
        return new ParseContext(variables, scope, allowed);
    }

    public static ParseContext defaults() {
        return of(Variables.defaults());
    }

    public ParseContext bind(String... names) {
        Set<String> all = new HashSet<>(scope);
        all.addAll(Set.of(names));
        return new ParseContext(variables, all, allowDiskUse);
    }

    boolean isDefined(String name) {
        return scope.contains(name) || variables.user().containsKey(name);
    }
}
