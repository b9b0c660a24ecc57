// The dispatcher's board. The organization is one value, set by the sign-in when there is one
// (see api.js) and otherwise chosen on the page; everything below reads it from there.
import { api, chooseOrganization, onUnauthorized, organizationPath, stream } from './api.js';
import { createMap } from './map.js';
import { renderLegend, renderList, renderStatistics, showBin, showRoute } from './panels.js';
import { signInIfConfigured, signOut } from './signin.js';

const $ = (id) => document.getElementById(id);
const today = () => new Date().toISOString().slice(0, 10);

const state = { bins: null, day: null, routes: null };
let board;
let stopStream = () => {};
let refreshPending = null;
let config = {};

/** The newest version of each figure wins: a reply and a streamed change may cross. */
function keep(slot, value) {
  if (!state[slot] || (value.version ?? 0) >= (state[slot].version ?? 0)) {
    state[slot] = value;
  }
}

function drawStatistics() {
  renderStatistics($('statistics'), state);
}

/** Tiles are asked for again at most every 200 ms, however many changes stream in. */
function refreshMapSoon() {
  if (refreshPending) return;
  refreshPending = setTimeout(() => {
    refreshPending = null;
    board.refresh();
  }, 200);
}

async function loadStatistics() {
  const [bins, routes] = await Promise.all([
    api(organizationPath(`/statistics/bins?day=${today()}`)),
    api(organizationPath('/statistics/routes')),
  ]);
  keep('bins', bins.bins);
  keep('day', bins.serviceDay);
  keep('routes', routes);
  drawStatistics();
}

function onChange(name, key, body) {
  const parts = (key ?? '').split(':');
  if (name === 'routes') keep('routes', body);
  else if (name === 'bins' && parts.length === 2) keep('bins', body);
  else if (name === 'bins' && parts.length === 3 && parts[2] === today()) keep('day', body);
  drawStatistics();
  refreshMapSoon();
}

/** The detail sits at the top of the panel; focus moves to it so keyboard and screen-reader users land there. */
function revealDetail() {
  $('detail-section').hidden = false;
  $('panel').scrollTop = 0;
  $('detail-title').focus({ preventScroll: true });
}

async function openBin(binId) {
  await showBin($('detail'), binId);
  revealDetail();
}

async function openRoute(routeId) {
  await showRoute($('detail'), routeId, today());
  revealDetail();
}

async function start(organizationId) {
  chooseOrganization(organizationId);
  stopStream();
  state.bins = state.day = state.routes = null;
  $('detail-section').hidden = true;
  const url = new URL(location.href);
  url.searchParams.set('organization', organizationId);
  history.replaceState(null, '', url);
  if (board) {
    board.map.remove();
  }
  board = createMap($('map'), config.baseStyle || null, { onBin: openBin, onRoute: openRoute });
  window.haulstreamBoard = board;
  board.colourBy(document.querySelector('input[name=colour]:checked').value);
  stopStream = stream(
    organizationPath('/statistics/stream'),
    onChange,
    (connected) => {
      $('live').textContent = connected ? 'live' : 'reconnecting…';
      // Whatever changed while the stream was away is read once it is back.
      if (connected) loadStatistics().catch(() => {});
    },
  );
  await loadStatistics();
  const [page, routes] = await Promise.all([
    api(organizationPath('/bins?size=500')),
    api(organizationPath('/routes?limit=100')),
  ]);
  board.fit(page.bins.map((bin) => bin.location));
  renderList($('routes'), routes.routes, (route) => `${route.name} · ${route.status}`, (route) => openRoute(route.routeId));
}

async function organizations() {
  const reply = await api('/api/v1/organizations?limit=100');
  return reply.organizations ?? reply;
}

async function main() {
  renderLegend($('legend'), 'fillBand');
  document.querySelectorAll('input[name=colour]').forEach((input) =>
    input.addEventListener('change', () => {
      board?.colourBy(input.value);
      renderLegend($('legend'), input.value);
    }),
  );
  $('close-detail').addEventListener('click', () => ($('detail-section').hidden = true));
  $('search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const prefix = $('search-tag').value.trim();
    if (!prefix) return;
    const found = await api(organizationPath(`/bins/tagged?prefix=${encodeURIComponent(prefix)}&limit=20`));
    $('results-section').hidden = false;
    renderList($('results'), found.bins, (bin) => `${bin.tag} · ${bin.customerName ?? ''} · ${bin.status}`, (bin) => {
      board.flyTo(bin.location);
      openBin(bin.binId);
    });
    if (!found.bins.length) $('results').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No bin has a tag starting so.' }));
  });

  const select = $('organization');
  config = await api('/board/config.json').catch(() => ({}));
  const session = await signInIfConfigured(config);
  if (session) {
    // A refused token (expired, revoked) means signing in again.
    onUnauthorized(() => {
      signOut();
      location.assign('/board/');
    });
    $('signed-in').hidden = false;
    $('signed-in').textContent = `signed in as ${session.user}`;
    if (!session.organizations.length) {
      $('statistics').textContent = 'Your sign-in names no organization: ask an administrator for one.';
      return;
    }
    for (const id of session.organizations) select.append(new Option(id, id));
    select.closest('label').hidden = session.organizations.length < 2;
    select.addEventListener('change', () => start(select.value));
    await start(session.organizations[0]);
    return;
  }
  const all = await organizations();
  for (const org of all) {
    select.append(new Option(org.name, org.organizationId));
  }
  select.addEventListener('change', () => start(select.value));
  const asked = new URL(location.href).searchParams.get('organization');
  const first = all.find((org) => org.organizationId === asked) ?? all[0];
  if (first) {
    select.value = first.organizationId;
    await start(first.organizationId);
  }
}

main();
