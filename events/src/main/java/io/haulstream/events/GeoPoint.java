package io.haulstream.events;

/** A WGS 84 position; longitude first, as in GeoJSON and PostGIS. */
public record GeoPoint(double longitude, double latitude) {}
