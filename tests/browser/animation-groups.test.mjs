// Working groups, the newcomer welcome and the animation home in a real browser on the demo
// hub: the home shows the demo groups and newcomers, the list searches without accents, a
// coordinator creates a group through the form (an empty name is refused and named), records
// a decision and a document link (a non-http address is refused), ticks a newcomer's
// checklist; a member joins a group with its own organisation; every page passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, signOut, axeAudit, COORDINATOR, MEMBER_STAFF, HUB } from './support.mjs';

const env = useServerAndBrowser();
const base = `/hubs/${HUB}/animation`;
const audit = axeAudit();

test('the animation home shows the active groups and the newcomers to welcome', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(base));
  const groups = await page.locator('section[aria-labelledby=h-active-groups]').innerText();
  assert.match(groups, /Alimentation durable/);
  assert.match(groups, /Mobilité solidaire/);
  assert.match(await page.locator('section[aria-labelledby=h-newcomers]').innerText(), /Transports Doux Voironnais/);
  await audit.check(page, 'animation home');
  await page.goto(env.url(`/hubs/${HUB}`));
  assert.match(await page.locator('section[aria-labelledby=h-welcome-home]').innerText(), /Banque Coopérative/);
  await page.goto(env.url(`${base}/groups?q=MOBILITE`));
  assert.equal(await page.locator('table.group-list tbody tr').count(), 1);
  await audit.check(page, 'group list');
});

test('a coordinator creates a group, records a decision and a link', async () => {
  const { page } = env;
  await page.goto(env.url(`${base}/groups/new`));
  await audit.check(page, 'group form');
  const options = page.locator('#f-members option');
  const first = await options.nth(0).getAttribute('value');
  const second = await options.nth(1).getAttribute('value');
  await page.locator('#f-members').selectOption([first, second]);
  await page.locator('#f-lead-member').selectOption(first);
  await page.locator('#f-name').evaluate((el) => el.removeAttribute('required'));
  await Promise.all([page.waitForNavigation(), page.locator('form.group-form button[type=submit]').click()]);
  assert.ok(await page.locator('#f-name-error').count() === 1, 'the name is named');
  await audit.check(page, 'group form with errors');
  await page.locator('#f-name').fill('Réemploi et réparation');
  await page.locator('#f-theme').fill('Économie circulaire');
  await Promise.all([page.waitForNavigation(), page.locator('form.group-form button[type=submit]').click()]);
  assert.match(new URL(page.url()).pathname, /\/animation\/groups\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), 'Réemploi et réparation');
  await page.locator('#f-text').fill('Un atelier de réparation par mois.');
  await Promise.all([page.waitForNavigation(), page.locator('form[action$="/decisions"] button[type=submit]').click()]);
  assert.match(await page.locator('.group-decisions').innerText(), /atelier de réparation/);
  await page.locator('#f-label').fill('Pad');
  await page.locator('#f-url').fill('ftp://files.example.org/x');
  await Promise.all([page.waitForNavigation(), page.locator('form[action$="/links"] button[type=submit]').click()]);
  assert.equal(await page.locator('#f-url[aria-invalid=true]').count(), 1);
  await audit.check(page, 'group page');
});

test('a coordinator ticks a newcomer checklist', async () => {
  const { page } = env;
  await page.goto(env.url(`${base}/welcome`));
  assert.ok(await page.locator('table.welcome-list tbody tr').count() >= 2);
  assert.ok(await page.locator('a[href*="events/new?kind=newcomer_breakfast"]').count() >= 1);
  await audit.check(page, 'welcome list');
  await page.locator('table.welcome-list a', { hasText: 'Banque Coopérative' }).click();
  await page.waitForLoadState();
  await audit.check(page, 'welcome checklist');
  const buddy = await page.locator('#f-buddy option').nth(1).getAttribute('value');
  await page.locator('#f-buddy').selectOption(buddy);
  await Promise.all([page.waitForNavigation(), page.locator('form.welcome-form button[type=submit]').click()]);
  assert.match(await page.locator('.welcome-progress').first().innerText(), /3\/4/);
});

test('a member joins a group with its own organisation', async () => {
  const { page } = env;
  await signOut(page);
  await signIn(page, env.baseURL, MEMBER_STAFF);
  await page.goto(env.url(`${base}/groups?q=mobilite`));
  await page.locator('table.group-list a').first().click();
  await page.waitForLoadState();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Rejoindre avec mon organisation/ }).click()]);
  assert.match(await page.locator('section[aria-labelledby=h-members]').innerText(), /Ressourcerie des Alpes/);
  assert.equal(await page.locator('section[aria-labelledby=h-members] button', { hasText: 'Retirer' }).count(), 1);
  await audit.check(page, 'group page as a member');
});

test('no serious accessibility violation', () => audit.assertClean());
