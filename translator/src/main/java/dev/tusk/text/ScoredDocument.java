package dev.tusk.text;

import java.util.OptionalDouble;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A document with the text score of the {@code $text} search that found it: MongoDB's per-document
 * metadata, read by {@code {$meta: "textScore"}} in projections, sorts and expressions. Stages that
 * build a new document from one carry the score over ({@link #carry}); $group and the like drop it.
 * A document a $text query found through another clause of an $or is {@link #unscored}: the query
 * has scores, that document has none (its {@code $meta} is missing, it sorts below every score).
 */
public final class ScoredDocument extends dev.tusk.bson.AnnotatedDocument {
    private static final double NO_SCORE = Double.NaN; // text scores are never NaN
    private final double textScore;

    public ScoredDocument(BsonDocument doc, double textScore) {
        super(doc);
        this.textScore = textScore;
    }

    /** A document of a $text query that the search itself did not match. */
    public static ScoredDocument unscored(BsonDocument doc) {
        return new ScoredDocument(doc, NO_SCORE);
    }

    /** The score, NaN for an {@link #unscored} document (as stored in spill files). */
    public double textScore() {
        return textScore;
    }

    /** The text score of {@code doc}, if it came from a $text search that matched it. */
    public static OptionalDouble scoreOf(BsonValue doc) {
        return doc instanceof ScoredDocument s && !Double.isNaN(s.textScore) ? OptionalDouble.of(s.textScore) : OptionalDouble.empty();
    }

    /** {@code {$meta: "textScore"}}: the score, null (missing) when unscored; 40218 (as MongoDB) when no $text query found it. */
    public static BsonValue metaScore(BsonValue doc) {
        if (!(doc instanceof ScoredDocument s)) {
            throw unavailable();
        }
        return Double.isNaN(s.textScore) ? null : new org.bson.BsonDouble(s.textScore);
    }

    /** The text score {@code doc} sorts by (unscored below every score); 40218 when no $text query found it. */
    public static double sortScore(BsonValue doc) {
        if (!(doc instanceof ScoredDocument s)) {
            throw unavailable();
        }
        return Double.isNaN(s.textScore) ? Double.NEGATIVE_INFINITY : s.textScore;
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
