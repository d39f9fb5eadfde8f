package dev.tusk.geo;

/** A rectangle in (x, y): longitude and latitude on the sphere, or a 2d index's flat coordinates. */
public record Box(double minX, double minY, double maxX, double maxY) {
    Box padded(double pad) {
        return new Box(minX - pad, minY - pad, maxX + pad, maxY + pad);
    }
}
