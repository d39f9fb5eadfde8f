package dev.tusk.exec;

import dev.tusk.query.FilterNode;
import dev.tusk.query.Projection;
import dev.tusk.query.SortSpec;
import java.util.Optional;

/** A read over one collection: filter, optional sort, skip, limit (0 = none) and projection. */
public record QuerySpec(FilterNode filter, Optional<SortSpec> sort, long skip, long limit, Optional<Projection> projection) {}
