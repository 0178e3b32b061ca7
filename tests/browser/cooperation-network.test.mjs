// The cooperation network in a real browser on the demo hub: the graph draws (Cytoscape's
// canvas in the container) with as many members as the JSON API lists, the links table
// matches the API's links, the kind filter narrows both, and the page passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, axeAudit, COORDINATOR, MEMBER_STAFF, HUB } from './support.mjs';

const env = useServerAndBrowser();
const page_path = `/hubs/${HUB}/cooperation/network`;
const api_path = `/api/v1/hubs/${HUB}/cooperation/network`;
const audit = axeAudit();

/** Two months ahead, so that the demo's upcoming bookings count. */
function periodEnd() {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 60);
  return day.toISOString().slice(0, 10);
}
const query = `to=${periodEnd()}`;

async function apiGraph(page, extra = '') {
  const res = await page.request.get(env.url(`${api_path}?${query}${extra}`));
  assert.equal(res.status(), 200, await res.text());
  return res.json();
}

/** Opens the page and waits for the script to have drawn the graph. */
async function openDrawn(page, extra = '') {
  await page.goto(env.url(`${page_path}?${query}${extra}`));
  await page.locator('#network-graph[data-drawn-nodes]').waitFor({ state: 'attached' });
  return page.locator('#network-graph');
}

test('the coordinator sees the demo network drawn with every member', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  const graph = await apiGraph(page);
  assert.ok(graph.nodes.length >= 20, `demo members: ${graph.nodes.length}`);
  assert.ok(graph.edges.length > 0, 'the demo hub has cooperations');

  const container = await openDrawn(page);
  assert.equal(await container.getAttribute('data-drawn-nodes'), String(graph.nodes.length));
  assert.equal(await container.getAttribute('data-drawn-edges'), String(graph.edges.length));
  // Cytoscape draws on canvases inside the container, which has a real size.
  assert.ok(await container.locator('canvas').count() > 0, 'a canvas is drawn');
  const box = await container.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `graph box ${JSON.stringify(box)}`);
  // The table readable without JavaScript lists the same links.
  assert.equal(await page.locator('table.network-edges tbody tr').count(), graph.edges.length);
  assert.equal(await page.locator('[data-metric="links"]').innerText(), String(graph.edges.length));
  await audit.check(page, 'network');
});

test('the kind filter narrows the drawing and the table', async () => {
  const { page } = env;
  const all = await apiGraph(page);
  const kinds = new Set(all.edges.flatMap((e) => Object.keys(e.kinds)));
  const kind = kinds.has('booking') ? 'booking' : [...kinds][0];
  const filtered = await apiGraph(page, `&kind=${kind}`);
  assert.ok(filtered.edges.length > 0 && filtered.edges.length <= all.edges.length);
  for (const e of filtered.edges) assert.deepEqual(Object.keys(e.kinds), [kind]);

  await page.goto(env.url(`${page_path}?${query}`));
  await page.check(`input[name=kind][value=${kind}]`);
  await Promise.all([page.waitForNavigation(), page.click('form.network-filters button[type=submit]')]);
  assert.match(page.url(), new RegExp(`kind=${kind}`));
  const container = page.locator('#network-graph');
  await page.locator('#network-graph[data-drawn-nodes]').waitFor({ state: 'attached' });
  assert.equal(await container.getAttribute('data-drawn-edges'), String(filtered.edges.length));
  assert.equal(await page.locator('table.network-edges tbody tr').count(), filtered.edges.length);
  assert.equal(await page.locator(`input[name=kind][value=${kind}]`).isChecked(), true);
});

test('a member organisation reads the same network', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, MEMBER_STAFF);
  const graph = await apiGraph(page);
  const container = await openDrawn(page);
  assert.equal(await container.getAttribute('data-drawn-nodes'), String(graph.nodes.length));
  assert.equal(await page.locator('h1').innerText(), 'Réseau de coopération');
  await audit.check(page, 'network (member)');
  audit.assertClean();
});
