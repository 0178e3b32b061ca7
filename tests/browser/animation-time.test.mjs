// Collective time in a real browser on the demo hub: the coordinator reads the yearly totals
// (tabs, the FTE share, the chart drawn by Chart.js with its table fallback), logs time through
// the form (a bad duration is refused and named) and validates it, opens the settings; the
// Ressourcerie (a member) sees its own organisation's lines; every page passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, signOut, axeAudit, COORDINATOR, MEMBER_STAFF, HUB } from './support.mjs';

const env = useServerAndBrowser();
const base = `/hubs/${HUB}/animation/time`;
const audit = axeAudit();

test('the coordinator reads the totals, logs and validates time, and opens the settings', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(base));
  assert.match(await page.locator('h1').innerText(), /Temps collectif/);
  assert.match(await page.locator('.time-fte').innerText(), /1 607 h/);
  // The chart is drawn (Chart.js sizes the canvas) and its figures are in the table next to it.
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas[data-time-chart]');
    return c && c.width > 0 && window.Chart && window.Chart.getChart(c);
  });
  assert.ok(await page.locator('table.time-chart-table tbody tr').count() > 0);
  await audit.check(page, 'time totals');
  await page.click('.time-tabs a:has-text("Par nature")');
  assert.match(await page.locator('table.striped').first().innerText(), /Préparation/);
  await audit.check(page, 'time totals by kind');

  await page.goto(env.url(`${base}/entries`));
  await page.selectOption('#f-person_id', { index: 1 });
  await page.fill('#f-duration', 'beaucoup');
  await page.click('form.time-log button[type=submit]');
  assert.match(await page.locator('#f-duration-error').innerText(), /durée/i);
  await audit.check(page, 'time entries with an error');
  await page.fill('#f-duration', '1,5');
  await page.fill('#f-note', 'Préparation du comité de pilotage');
  await page.click('form.time-log button[type=submit]');
  await page.waitForURL(/done=logged/);
  const row = page.locator('tr', { hasText: 'Préparation du comité de pilotage' });
  await row.locator('button', { hasText: 'Valider' }).click();
  await page.waitForURL(/done=validated/);
  assert.match(await page.locator('tr', { hasText: 'Préparation du comité de pilotage' }).innerText(), /Validé/);
  await audit.check(page, 'time entries');

  await page.goto(env.url(`${base}/settings`));
  assert.equal(await page.locator('#f-default_hourly').inputValue(), '25,00');
  await audit.check(page, 'time settings');
  await page.goto(env.url(`${base}/report`));
  assert.match(await page.locator('h1').innerText(), /Rapport/);
  await signOut(page);
});

test('a member sees its own organisation and the hub total', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, MEMBER_STAFF);
  await page.goto(env.url(base));
  assert.ok(await page.locator('.own-only').isVisible());
  const rows = await page.locator('table.striped').first().locator('tbody tr').allInnerTexts();
  for (const r of rows) assert.match(r, /Ressourcerie des Alpes/);
  await audit.check(page, 'time totals, member');
  await signOut(page);
});
