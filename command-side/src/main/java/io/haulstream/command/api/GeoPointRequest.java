package io.haulstream.command.api;

import io.haulstream.events.GeoPoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

record GeoPointRequest(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {

    GeoPoint toGeoPoint() {
        return new GeoPoint(longitude, latitude);
    }
}
