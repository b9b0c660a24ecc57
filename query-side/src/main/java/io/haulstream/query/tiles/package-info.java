/** Mapbox vector tiles of an organization's bins and routes, made by PostGIS, cached in Redis and dropped exactly when a batch changes what they show. */
package io.haulstream.query.tiles;
