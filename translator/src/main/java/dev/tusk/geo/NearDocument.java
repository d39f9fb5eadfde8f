package dev.tusk.geo;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A document found by $near, $nearSphere or $geoNear with its distance and the location it was
 * measured to: MongoDB's geoNearDistance and geoNearPoint metadata, read by {@code $meta}.
 */
public final class NearDocument extends dev.tusk.bson.AnnotatedDocument {
    private final double distance;
    private final BsonValue location;

    public NearDocument(BsonDocument doc, double distance, BsonValue location) {
        super(doc);
        this.distance = distance;
        this.location = location;
    }

    public double distance() {
        return distance;
    }

    public Optional<BsonValue> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public BsonDocument clone() {
        return new NearDocument(super.clone(), distance, location);
    }
}
