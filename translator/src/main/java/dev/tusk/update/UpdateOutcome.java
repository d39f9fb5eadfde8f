package dev.tusk.update;

import org.bson.BsonDocument;

/** The document after an update, and whether it differs (byte-wise) from the one before. */
public record UpdateOutcome(BsonDocument document, boolean modified) {}
