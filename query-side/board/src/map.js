// The map: MapLibre over the query side's vector tiles. Bins are clusters below the tiles'
// clustering zoom (the server decides; a cluster has a count) and single bins deeper.
import * as maplibregl from 'maplibre-gl';
import { headers, organizationPath } from './api.js';
import { binStatuses, fillBands, match, routeStatuses } from './palette.js';

maplibregl.setWorkerUrl(new URL('maplibre-gl-worker.mjs', import.meta.url).href);

/** The deepest zoom the server makes tiles for; MapLibre enlarges those beyond it. */
const TILE_MAX_ZOOM = 16;

function tileUrl(layer, version) {
  return `${location.origin}${organizationPath(`/tiles/${layer}/{z}/{x}/{y}.mvt`)}?v=${version}`;
}

function emptyStyle() {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f2f1ed' } }],
  };
}

export function createMap(container, baseStyle, { onBin, onRoute }) {
  const map = new maplibregl.Map({
    container,
    style: baseStyle || emptyStyle(),
    center: [13.405, 52.52],
    zoom: 11,
    attributionControl: false,
    transformRequest: (url) => (url.startsWith(location.origin) ? { url, headers: headers() } : { url }),
  });
  map.addControl(new maplibregl.NavigationControl(), 'top-right');
  let version = 0;
  let colourBy = 'fillBand';

  function binColour() {
    return colourBy === 'status' ? match('status', binStatuses) : match('fillBand', fillBands);
  }

  function addLayers() {
    map.addSource('routes', { type: 'vector', tiles: [tileUrl('routes', version)], maxzoom: TILE_MAX_ZOOM });
    map.addSource('bins', { type: 'vector', tiles: [tileUrl('bins', version)], maxzoom: TILE_MAX_ZOOM });
    map.addLayer({
      id: 'routes',
      type: 'line',
      source: 'routes',
      'source-layer': 'routes',
      paint: { 'line-color': match('status', routeStatuses), 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 5] },
    });
    map.addLayer({
      id: 'bin-clusters',
      type: 'circle',
      source: 'bins',
      'source-layer': 'bins',
      filter: ['has', 'count'],
      paint: {
        'circle-color': match('fillBand', fillBands),
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 4, 30, 22],
        'circle-opacity': 0.8,
        'circle-stroke-color': '#333',
        'circle-stroke-width': 1,
      },
    });
    map.addLayer({
      id: 'cluster-counts',
      type: 'symbol',
      source: 'bins',
      'source-layer': 'bins',
      filter: ['has', 'count'],
      layout: { 'text-field': ['to-string', ['get', 'count']], 'text-size': 11, 'text-allow-overlap': true },
    });
    map.addLayer({
      id: 'bins',
      type: 'circle',
      source: 'bins',
      'source-layer': 'bins',
      filter: ['has', 'binId'],
      paint: {
        'circle-color': binColour(),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 15, 5, 18, 9],
        'circle-stroke-color': '#1b1b1b',
        'circle-stroke-width': 1,
      },
    });
  }

  map.on('load', addLayers);
  map.on('click', 'bins', (event) => onBin(event.features[0].properties.binId));
  map.on('click', 'routes', (event) => onRoute(event.features[0].properties.routeId));
  map.on('click', 'bin-clusters', (event) => map.easeTo({ center: event.lngLat, zoom: map.getZoom() + 2 }));
  for (const layer of ['bins', 'routes', 'bin-clusters']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  return {
    map,
    /** Asks for every tile again: the server dropped exactly those that changed, the rest come from Redis. */
    refresh() {
      version += 1;
      for (const layer of ['bins', 'routes']) {
        const source = map.getSource(layer);
        if (source) source.setTiles([tileUrl(layer, version)]);
      }
    },
    colourBy(property) {
      colourBy = property;
      if (map.getLayer('bins')) map.setPaintProperty('bins', 'circle-color', binColour());
    },
    fit(points) {
      if (!points.length) return;
      const bounds = new maplibregl.LngLatBounds();
      points.forEach((point) => bounds.extend([point.longitude, point.latitude]));
      map.fitBounds(bounds, { padding: 40, maxZoom: 15, duration: 0 });
    },
    flyTo(point) {
      map.jumpTo({ center: [point.longitude, point.latitude], zoom: Math.max(map.getZoom(), 16) });
    },
    /** The bins drawn now, for the browser test and for keyboard users' lists. */
    binsShown() {
      return map.getLayer('bins') ? map.queryRenderedFeatures({ layers: ['bins'] }).map((f) => f.properties) : [];
    },
  };
}
