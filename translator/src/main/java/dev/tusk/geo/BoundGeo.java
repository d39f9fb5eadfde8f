package dev.tusk.geo;

import dev.tusk.index.KeyRange;
import java.util.List;

/**
 * A geospatial operator bound to a geospatial index: the index's side table and the key ranges of the
 * cells covering the query's region (every cell of every matching document falls in one).
 */
public record BoundGeo(String schema, String sideTable, String indexName, dev.tusk.index.GeoIndexSpec spec,
        List<KeyRange> ranges) {
    public BoundGeo {
        ranges = List.copyOf(ranges);
    }
}
