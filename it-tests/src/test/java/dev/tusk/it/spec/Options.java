package dev.tusk.it.spec;

import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.TagSet;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Collation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Spec documents → driver option objects (concerns, read preference, collation, transactions). */
final class Options {
    private Options() {}

    static ReadConcern readConcern(BsonDocument d) {
        return d.containsKey("level") ? new ReadConcern(ReadConcernLevel.fromString(d.getString("level").getValue()))
                : ReadConcern.DEFAULT;
    }

    static WriteConcern writeConcern(BsonDocument d) {
        WriteConcern wc = WriteConcern.ACKNOWLEDGED;
        for (String k : d.keySet()) {
            BsonValue v = d.get(k);
            wc = switch (k) {
                case "w" -> v.isString() ? wc.withW(v.asString().getValue()) : wc.withW(v.asNumber().intValue());
                case "j", "journal" -> wc.withJournal(v.asBoolean().getValue());
                case "wtimeoutMS", "wtimeout" -> wc.withWTimeout(v.asNumber().longValue(), TimeUnit.MILLISECONDS);
                default -> throw new RunnerException("unsupported writeConcern option " + k);
            };
        }
        return wc;
    }

    static ReadPreference readPreference(BsonDocument d) {
        String mode = d.getString("mode").getValue();
        List<TagSet> tags = new ArrayList<>();
        if (d.containsKey("tagSets")) {
            for (BsonValue t : d.getArray("tagSets")) {
                List<com.mongodb.Tag> list = new ArrayList<>();
                t.asDocument().forEach((k, v) -> list.add(new com.mongodb.Tag(k, v.asString().getValue())));
                tags.add(new TagSet(list));
            }
        }
        if (d.containsKey("maxStalenessSeconds")) {
            return ReadPreference.valueOf(mode, tags, d.getNumber("maxStalenessSeconds").longValue(), TimeUnit.SECONDS);
        }
        return tags.isEmpty() ? ReadPreference.valueOf(mode) : ReadPreference.valueOf(mode, tags);
    }

    static TransactionOptions transaction(BsonDocument d) {
        TransactionOptions.Builder b = TransactionOptions.builder();
        for (String k : d.keySet()) {
            switch (k) {
                case "readConcern" -> b.readConcern(readConcern(d.getDocument(k)));
                case "writeConcern" -> b.writeConcern(writeConcern(d.getDocument(k)));
                case "readPreference" -> b.readPreference(readPreference(d.getDocument(k)));
                case "maxCommitTimeMS" -> b.maxCommitTime(d.getNumber(k).longValue(), TimeUnit.MILLISECONDS);
                default -> throw new RunnerException("unsupported transaction option " + k);
            }
        }
        return b.build();
    }

    static Collation collation(BsonDocument d) {
        Collation.Builder b = Collation.builder();
        for (String k : d.keySet()) {
            BsonValue v = d.get(k);
            switch (k) {
                case "locale" -> b.locale(v.asString().getValue());
                case "caseLevel" -> b.caseLevel(v.asBoolean().getValue());
                case "caseFirst" -> b.collationCaseFirst(com.mongodb.client.model.CollationCaseFirst.fromString(v.asString().getValue()));
                case "strength" -> b.collationStrength(com.mongodb.client.model.CollationStrength.fromInt(v.asNumber().intValue()));
                case "numericOrdering" -> b.numericOrdering(v.asBoolean().getValue());
                case "alternate" -> b.collationAlternate(com.mongodb.client.model.CollationAlternate.fromString(v.asString().getValue()));
                case "maxVariable" -> b.collationMaxVariable(com.mongodb.client.model.CollationMaxVariable.fromString(v.asString().getValue()));
                case "normalization" -> b.normalization(v.asBoolean().getValue());
                case "backwards" -> b.backwards(v.asBoolean().getValue());
                default -> throw new RunnerException("unsupported collation option " + k);
            }
        }
        return b.build();
    }
}
