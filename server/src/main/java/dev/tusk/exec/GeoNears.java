package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import dev.tusk.pipeline.GeoNearStage;
import java.util.List;

/**
 * Binds a $geoNear stage to the collection's geo index: the one on {@code key}, else the only 2d
 * index, else the only 2dsphere index (MongoDB's choice, with its errors when there is none or more
 * than one).
 */
public final class GeoNears {
    private GeoNears() {}

    public static GeoNearStage bind(GeoNearStage stage, List<SecondaryIndex> indexes, String namespace) {
        List<SecondaryIndex> geo = indexes.stream().filter(i -> i.geo().isPresent() && !i.info().hidden()).toList();
        SecondaryIndex chosen;
        if (stage.key().isPresent()) {
            String key = stage.key().get();
            chosen = geo.stream().filter(i -> i.geo().get().field().equals(key)).findFirst()
                    .orElseThrow(() -> ErrorCode.BAD_VALUE.error("no geo indexes for geoNear with key: %s", key));
        } else {
            List<SecondaryIndex> flat = geo.stream().filter(i -> !i.geo().get().spherical()).toList();
            List<SecondaryIndex> sphere = geo.stream().filter(i -> i.geo().get().spherical()).toList();
            if (flat.size() > 1) {
                throw ErrorCode.BAD_VALUE.error("There is more than one 2d index on %s; unsure which to use for $geoNear", namespace);
            }
            if (flat.isEmpty() && sphere.size() > 1) {
                throw ErrorCode.BAD_VALUE.error("There is more than one 2dsphere index on %s; unsure which to use for $geoNear", namespace);
            }
            if (flat.isEmpty() && sphere.isEmpty()) {
                throw ErrorCode.INDEX_NOT_FOUND.error("$geoNear requires a 2d or 2dsphere index, but none were found");
            }
            chosen = flat.isEmpty() ? sphere.get(0) : flat.get(0);
        }
        if (stage.geoJson() && !chosen.geo().get().spherical()) {
            throw ErrorCode.NO_QUERY_EXECUTION_PLANS.error(
                    "error processing query: planner returned error :: caused by :: unable to find index for $geoNear query");
        }
        return stage.on(chosen.geo().get().field(), chosen.geo().get().spherical());
    }
}
