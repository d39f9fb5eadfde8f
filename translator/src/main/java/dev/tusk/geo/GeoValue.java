package dev.tusk.geo;

/** A geometry found in a document: {@code legacy} for a coordinate pair ({@code [x, y]} or {@code {x, y}}). */
public record GeoValue(Geometry geometry, boolean legacy) {}
