package dev.tusk.exec;

/** A row of a capped table with its insertion sequence number (its place in natural order). */
public record SeqRow(long seq, Row row) {}
