// The side panel: live statistics, the legend, routes, search results and a bin's or a route's detail.
import { api, organizationPath } from './api.js';
import { auditSection, readAudit } from './audit.js';
import { binStatuses, fillBands, routeStatuses } from './palette.js';

const element = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
};

const when = (instant) => (instant ? new Date(instant).toLocaleString() : '—');

function statsList(title, rows) {
  const list = element('dl', { class: 'stats', 'aria-label': title });
  for (const [label, value, key] of rows) {
    list.append(element('dt', { text: label }), element('dd', { 'data-stat': key, text: String(value ?? 0) }));
  }
  return list;
}

/** Draws the statistics the panel holds; each number carries data-stat, the path of its figure in the API. */
export function renderStatistics(container, { bins, day, routes }) {
  container.replaceChildren();
  if (bins) {
    container.append(element('h3', { text: 'Bins' }));
    container.append(statsList('Bins', [
      ['total', bins.total, 'bins.total'],
      ...binStatuses.map(([value, , label]) => [label, bins.byStatus[value], `bins.byStatus.${value}`]),
      ...fillBands.map(([value, , label]) => [label, bins.byFillBand[value], `bins.byFillBand.${value}`]),
    ]));
  }
  if (day) {
    container.append(element('h3', { text: `Services on ${day.day}` }));
    container.append(statsList('Services today', [
      ['emptied', day.serviced, 'day.serviced'],
      ['missed', day.missed, 'day.missed'],
      ['exceptions', day.exceptions, 'day.exceptions'],
    ]));
  }
  if (routes) {
    container.append(element('h3', { text: 'Routes' }));
    container.append(statsList('Routes', [
      ['total', routes.total, 'routes.total'],
      ...routeStatuses.map(([value, , label]) => [label, routes.byStatus[value], `routes.byStatus.${value}`]),
    ]));
  }
}

export function renderLegend(container, colourBy) {
  container.replaceChildren();
  const rows = (entries, line) =>
    entries.map(([, colour, label]) =>
      element('div', { class: 'legend-row' }, element('span', { class: `swatch${line ? ' line' : ''}`, style: `background:${colour}` }), label));
  container.append(element('h3', { text: colourBy === 'status' ? 'Bins by status' : 'Bins by fill' }));
  container.append(...rows(colourBy === 'status' ? binStatuses : fillBands));
  container.append(element('p', { text: 'Circles with a number are groups of bins; zoom in to see each bin.' }));
  container.append(element('h3', { text: 'Routes by status' }), ...rows(routeStatuses, true));
}

export function renderList(container, items, label, onChoose) {
  container.replaceChildren(
    ...items.map((item) => element('li', {}, Object.assign(element('button', { type: 'button', text: label(item) }), { onclick: () => onChoose(item) }))),
  );
}

export async function showBin(container, binId) {
  const [bin, history, audit] = await Promise.all([
    api(organizationPath(`/bins/${encodeURIComponent(binId)}`)),
    api(organizationPath(`/bins/${encodeURIComponent(binId)}/service-history?limit=20`)),
    readAudit(binId),
  ]);
  const rows = history.services.map((service) =>
    element('tr', {}, element('td', { text: when(service.servicedAt) }), element('td', { text: service.outcome }),
      element('td', { text: service.weightKg == null ? '' : `${service.weightKg} kg` }), element('td', { text: service.routeName ?? '' })));
  container.replaceChildren(
    element('h3', { 'data-bin': bin.binId, text: `Bin ${bin.tag}` }),
    statsList('Bin', [
      ['customer', bin.customerName ?? '—', 'bin.customer'],
      ['address', bin.serviceAddress ?? '—', 'bin.address'],
      ['status', bin.status, 'bin.status'],
      ['stream', bin.wasteStream, 'bin.stream'],
      ['container', `${bin.containerType}, ${bin.capacityLitres} l`, 'bin.container'],
      ['fill', bin.fillPercent == null ? 'not reported' : `${bin.fillPercent} %`, 'bin.fill'],
      ['last service', when(bin.lastServicedAt), 'bin.lastService'],
      ['services', bin.serviceCount, 'bin.services'],
    ]),
    element('h4', { text: 'Service history' }),
    rows.length
      ? element('table', {}, element('thead', {}, element('tr', {}, ...['when', 'outcome', 'weight', 'route'].map((h) => element('th', { text: h })))), element('tbody', {}, ...rows))
      : element('p', { text: 'No services yet.' }),
    auditSection(element, audit, when),
  );
  return bin;
}

export async function showRoute(container, routeId, today) {
  const [route, performance] = await Promise.all([
    api(organizationPath(`/routes/${encodeURIComponent(routeId)}`)),
    api(organizationPath(`/routes/${encodeURIComponent(routeId)}/performance?from=${today}&to=${today}`)).catch(() => null),
  ]);
  const day = performance?.days?.[0] ?? performance?.[0] ?? null;
  const done = (day?.serviced ?? 0) + (day?.missed ?? 0) + (day?.exceptions ?? 0);
  const startOfDay = `${today}T00:00:00Z`;
  container.replaceChildren(
    element('h3', { 'data-route': route.routeId, text: `Route ${route.name}` }),
    statsList('Route', [
      ['status', route.status, 'route.status'],
      ['service day', route.serviceDay, 'route.serviceDay'],
      ['emptied today', day?.serviced ?? 0, 'route.serviced'],
      ['missed today', day?.missed ?? 0, 'route.missed'],
    ]),
    element('label', { text: `Today: ${done} of ${route.stopCount} stops` }, element('progress', { max: String(route.stopCount || 1), value: String(done) })),
    element('h4', { text: 'Stops in driving order' }),
    element('ol', {}, ...route.stops.map((stop) => {
      const visited = stop.lastServicedAt && stop.lastServicedAt >= startOfDay;
      return element('li', { class: visited ? 'done' : 'open' }, `${stop.tag ?? stop.binId} · ${stop.customerName ?? ''} — ${visited ? `serviced ${when(stop.lastServicedAt)}` : 'not yet today'}`);
    })),
  );
  return route;
}
