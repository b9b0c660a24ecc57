package io.haulstream.query.bins;

import java.util.List;

/** Active bins near a point, nearest first. */
public record BinsNear(List<NearBin> bins) {}
