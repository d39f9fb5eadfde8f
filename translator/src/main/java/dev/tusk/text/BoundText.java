package dev.tusk.text;

/** A {@code $text} search compiled against the collection's text index, and that index's side table. */
public record BoundText(TextQuery query, String schema, String sideTable) {}
