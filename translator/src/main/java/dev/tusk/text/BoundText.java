package dev.tusk.text;

/**
 * A {@code $text} search compiled against the collection's text index, and that index's side table;
 * {@code prefix} the key prefix a compound text index's leading fields take (the filter's equalities).
 */
public record BoundText(TextQuery query, String schema, String sideTable, byte[] prefix) {}
