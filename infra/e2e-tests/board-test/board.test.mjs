// The board in a real browser: Debian's chromium, headless, driven by playwright-core, against both
// running applications and the development issuer. Started by BoardIT (infra/e2e-tests), which hands
// it the addresses, the organization and the demo dispatcher to sign in as in the environment; a
// failure exits non-zero with the reason. Screenshots go to SCREENSHOTS (target/board-screenshots).
// Every wait is a waiting check of Playwright's with a deadline, never a sleep.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const QUERY = process.env.QUERY_URL;
const COMMAND = process.env.COMMAND_URL;
const ORG = process.env.ORGANIZATION;
const CUSTOMER = process.env.CUSTOMER;
const SCREENSHOTS = process.env.SCREENSHOTS;
const USER = process.env.SIGN_IN_USER;
const PASSWORD = process.env.SIGN_IN_PASSWORD || 'demo';
/** How soon a command must show on the panel and the map, from its reply. */
const VISIBLE_WITHIN_MS = Number(process.env.VISIBLE_WITHIN_MS || 1000);

mkdirSync(SCREENSHOTS, { recursive: true });
if (!USER) throw new Error('SIGN_IN_USER names the demo dispatcher to sign in as');
/** The API calls of this script carry the token the page got from its sign-in: set once signed in. */
let auth = {};

async function json(url, options = {}) {
  const reply = await fetch(url, { ...options, headers: { 'Content-Type': 'application/json', ...auth, ...options.headers } });
  if (!reply.ok) throw new Error(`${options.method || 'GET'} ${url} answered ${reply.status}: ${await reply.text()}`);
  return reply.json();
}

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok: ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Root in a container has no sandbox; WebGL comes from SwiftShader, Chromium's software renderer.
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') console.log(`browser: ${message.text()}`); });
  page.on('response', (reply) => { if (reply.status() >= 400) console.log(`browser: ${reply.request().method()} ${reply.url()} answered ${reply.status()}`); });
  // The board sends the browser to the issuer (authorization code with PKCE), whose login page
  // (Spring Authorization Server's form) sends it back signed in.
  await page.goto(`${QUERY}/board/`);
  await page.locator('input[name=username]').waitFor({ timeout: 15000 });
  check(!page.url().startsWith(QUERY), `the board sends the browser to the issuer's login page (${new URL(page.url()).origin})`);
  await page.locator('input[name=username]').fill(USER);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
  await page.locator('button[type=submit], input[type=submit]').first().click();
  await page.locator('#signed-in', { hasText: USER }).waitFor({ timeout: 15000 });
  check(page.url().startsWith(`${QUERY}/board/`) && !page.url().includes('code='), `signed in as ${USER}, back on the board`);
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem('haulstream-board-session') || 'null'));
  check(session?.accessToken, 'the board keeps the token of its sign-in');
  auth = { Authorization: `Bearer ${session.accessToken}` };
  const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
  check(claims.sub === USER && [].concat(claims.organizations).includes(ORG) && [].concat(claims.roles).includes('dispatcher'),
    `the token is ${USER}'s, a dispatcher of organization ${ORG}`);

  // The statistics panel shows the API's numbers.
  const api = `${QUERY}/api/v1/organizations/${ORG}`;
  const today = new Date().toISOString().slice(0, 10);
  await page.locator('[data-stat="bins.total"]').waitFor({ timeout: 15000 });
  await page.locator('#live', { hasText: 'live' }).waitFor({ timeout: 15000 });
  const bins = await json(`${api}/statistics/bins?day=${today}`);
  const routes = await json(`${api}/statistics/routes`);
  const expected = { 'bins.total': bins.bins.total, 'day.serviced': bins.serviceDay.serviced, 'day.missed': bins.serviceDay.missed, 'routes.total': routes.total };
  for (const [status, count] of Object.entries(bins.bins.byStatus)) expected[`bins.byStatus.${status}`] = count;
  for (const [band, count] of Object.entries(bins.bins.byFillBand)) expected[`bins.byFillBand.${band}`] = count;
  for (const [status, count] of Object.entries(routes.byStatus)) expected[`routes.byStatus.${status}`] = count;
  for (const [key, value] of Object.entries(expected)) {
    const shown = await page.locator(`[data-stat="${key}"]`).textContent();
    check(shown === String(value), `panel ${key} shows ${shown}, the API says ${value}`);
  }

  // The map draws the bins at the tiles' single-bin zooms.
  const firstBin = (await json(`${api}/bins?size=1`)).bins[0];
  await page.evaluate(({ longitude, latitude }) => window.haulstreamBoard.map.jumpTo({ center: [longitude, latitude], zoom: 16 }), firstBin.location);
  await page.waitForFunction((tag) => window.haulstreamBoard.binsShown().some((bin) => bin.tag === tag), firstBin.tag, { timeout: 15000 });
  check(true, `the map shows bin ${firstBin.tag}`);
  await page.screenshot({ path: join(SCREENSHOTS, 'board.png') });

  // A command sent to the API shows on the panel and on the map within a second of its reply.
  const tag = `BOARD-${Date.now()}`;
  const before = Number(await page.locator('[data-stat="bins.total"]').textContent());
  const at = { latitude: firstBin.location.latitude + 0.0004, longitude: firstBin.location.longitude + 0.0004 };
  const placed = await json(`${COMMAND}/api/v1/organizations/${ORG}/bins`, {
    method: 'POST',
    body: JSON.stringify({ customerId: CUSTOMER, tag, containerType: 'CART', wasteStream: 'ORGANIC', capacityLitres: 240, location: at }),
  });
  const replied = Date.now();
  await page.waitForFunction((total) => document.querySelector('[data-stat="bins.total"]')?.textContent === String(total), before + 1, { timeout: VISIBLE_WITHIN_MS });
  await page.waitForFunction((tag) => window.haulstreamBoard.binsShown().some((bin) => bin.tag === tag), tag, { timeout: Math.max(1, VISIBLE_WITHIN_MS - (Date.now() - replied)) });
  check(true, `bin ${tag} on the panel and the map ${Date.now() - replied} ms after the command's reply`);
  await page.screenshot({ path: join(SCREENSHOTS, 'after-command.png') });

  // Clicking a bin opens its detail with its service history.
  const point = await page.evaluate(({ longitude, latitude }) => {
    const { x, y } = window.haulstreamBoard.map.project([longitude, latitude]);
    const box = document.getElementById('map').getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, at);
  await page.mouse.click(point.x, point.y);
  await page.locator(`[data-bin="${placed.id}"]`).waitFor({ timeout: 5000 });
  check((await page.locator('#detail h3').textContent()).includes(tag), `clicking bin ${tag} opens its detail`);
  check(await page.locator('#detail', { hasText: 'Service history' }).isVisible(), 'the detail shows the service history');

  // Its audit trail: a section of the detail whatever the query side serves. Where it serves the
  // trail (GET .../bins/{id}/audit answers 200), the trail lists this dispatcher's own placement;
  // where it does not (404, 501), the section says so and the rest of the detail is whole.
  const trail = page.locator('#detail [data-section="audit"]');
  check(await trail.locator('h4', { hasText: 'Audit trail' }).isVisible(), 'the detail has an audit trail section');
  const audit = await fetch(`${api}/bins/${placed.id}/audit?limit=20`, { headers: auth });
  if (audit.status === 200) {
    const { entries } = await audit.json();
    check(entries.some((entry) => entry.event === 'BinPlaced' && entry.actor?.subject === USER),
      `the API's audit trail of bin ${tag} names its placement by ${USER}`);
    const placement = trail.locator(`li[data-event="BinPlaced"][data-actor="${USER}"]`);
    check(await placement.count() === 1 && await placement.locator('time[datetime]').count() === 1,
      `the board's audit trail lists when ${USER} placed bin ${tag}`);
  } else {
    check([404, 501].includes(audit.status) && await trail.locator('[data-audit="none"]').isVisible(),
      `this query side has no audit trail (${audit.status}): the section says none is available`);
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'bin-detail.png') });

  // A route from the list: its stops in driving order with today's progress.
  const [route] = (await json(`${api}/routes?limit=1`)).routes;
  const detail = await json(`${api}/routes/${route.routeId}`);
  await page.locator('#routes button').first().click();
  await page.locator(`[data-route="${route.routeId}"]`).waitFor({ timeout: 5000 });
  const stops = await page.locator('#detail ol li').allTextContents();
  const order = detail.stops.map((stop) => stop.tag);
  check(stops.length === order.length && stops.every((text, i) => text.startsWith(order[i])), `route ${route.name} lists its stops in driving order: ${order.join(', ')}`);
  check((await page.locator('#detail').textContent()).includes(`Today: 1 of ${order.length} stops`), 'the route shows today\'s progress');
  await page.screenshot({ path: join(SCREENSHOTS, 'route-detail.png') });

  // Keyboard: find a bin by its tag and open it without the mouse.
  await page.locator('#search-tag').focus();
  await page.keyboard.type(firstBin.tag);
  await page.keyboard.press('Enter');
  const result = page.locator('#results button').first();
  await result.waitFor({ timeout: 5000 });
  await result.focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-bin="${firstBin.binId}"]`).waitFor({ timeout: 5000 });
  check(true, `search by tag ${firstBin.tag} and Enter open its detail`);

  // A tablet: the panel goes under the map.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.waitForFunction(() => {
    const map = document.getElementById('map').getBoundingClientRect();
    const panel = document.getElementById('panel').getBoundingClientRect();
    return panel.top >= map.bottom - 1;
  }, null, { timeout: 5000 });
  check(true, 'on a tablet the panel is under the map');
  await page.screenshot({ path: join(SCREENSHOTS, 'tablet.png') });
} catch (failure) {
  if (page) await page.screenshot({ path: join(SCREENSHOTS, 'failure.png') }).catch(() => {});
  console.error(`board test failed: ${failure.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
