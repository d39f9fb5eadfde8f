package dev.tusk.bson;

import java.util.Arrays;
import java.util.List;

/**
 * A dotted path ({@code a.b.0.c}) split into components. Parsing never fails; callers that forbid
 * empty components ({@code a..b}, {@code .a}) check {@link #hasEmptyComponent()} and answer with
 * their own MongoDB error.
 */
public record FieldPath(List<String> parts) {
    public FieldPath {
        parts = List.copyOf(parts);
    }

    public static FieldPath parse(String dotted) {
        return new FieldPath(Arrays.asList(dotted.split("\\.", -1)));
    }

    public static FieldPath of(String... parts) {
        return new FieldPath(List.of(parts));
    }

    public int size() {
        return parts.size();
    }

    public String get(int i) {
        return parts.get(i);
    }

    public String last() {
        return parts.get(parts.size() - 1);
    }

    public boolean hasEmptyComponent() {
        return parts.stream().anyMatch(String::isEmpty);
    }

    /** True if component i is a canonical array index (digits, no leading zero). */
    public boolean isIndex(int i) {
        return isIndex(parts.get(i));
    }

    public boolean hasIndexComponent() {
        return parts.stream().anyMatch(FieldPath::isIndex);
    }

    /** A canonical non-negative array index ("0", "12"; not "01", "-1", "+1" or beyond int range). */
    public static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public FieldPath prefix(int n) {
        return new FieldPath(parts.subList(0, n));
    }

    public FieldPath suffix(int from) {
        return new FieldPath(parts.subList(from, parts.size()));
    }

    public FieldPath child(String name) {
        String[] all = parts.toArray(new String[parts.size() + 1]);
        all[parts.size()] = name;
        return new FieldPath(Arrays.asList(all));
    }

    /** This path followed by another's parts ({@code a} then {@code b.c} is {@code a.b.c}). */
    public FieldPath append(FieldPath rest) {
        List<String> all = new java.util.ArrayList<>(parts);
        all.addAll(rest.parts);
        return new FieldPath(all);
    }

    /** True if this path equals other or lies below it ({@code a.b} is under {@code a}). */
    public boolean isPrefixedBy(FieldPath other) {
        return other.size() <= size() && parts.subList(0, other.size()).equals(other.parts);
    }

    public String dotted() {
        return String.join(".", parts);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
