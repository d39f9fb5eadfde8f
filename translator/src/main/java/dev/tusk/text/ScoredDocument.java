package dev.tusk.text;

import java.util.OptionalDouble;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A document with the text score of the {@code $text} search that found it: MongoDB's per-document
 * metadata, read by {@code {$meta: "textScore"}} in projections, sorts and expressions. Stages that
 * build a new document from one carry the score over ({@link #carry}); $group and the like drop it.
 */
public final class ScoredDocument extends dev.tusk.bson.AnnotatedDocument {
    private final double textScore;

    public ScoredDocument(BsonDocument doc, double textScore) {
        super(doc);
        this.textScore = textScore;
    }

    public double textScore() {
        return textScore;
    }

    /** The text score of {@code doc}, if it came from a $text search. */
    public static OptionalDouble scoreOf(BsonValue doc) {
        return doc instanceof ScoredDocument s ? OptionalDouble.of(s.textScore) : OptionalDouble.empty();
    }

    /** The text score of {@code doc}; 40218 (as MongoDB) when no $text search found it. */
    public static double requiredScore(BsonValue doc) {
        return scoreOf(doc).orElseThrow(ScoredDocument::unavailable);
    }

    /** MongoDB's error for a text score asked of a query or documents without $text. */
    public static RuntimeException unavailable() {
        return dev.tusk.error.ErrorCode.LOCATION_40218.error("query requires text score metadata, but it is not available");
    }

    /** {@code to} with {@code from}'s text score, if it has one. */
    public static BsonDocument carry(BsonDocument from, BsonDocument to) {
        return from instanceof ScoredDocument s && !(to instanceof ScoredDocument) ? new ScoredDocument(to, s.textScore) : to;
    }

    @Override
    public BsonDocument clone() {
        return new ScoredDocument(super.clone(), textScore);
    }
}
