// Accessibility: axe-core finds no serious or critical violation on any page, and the skip link works
// from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServerAndBrowser, signIn, assertAccessible, axeAudit, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const hubPath = `/hubs/${HUB}`;
const membersPath = `${hubPath}/members`;

test('from the login page, Tab reaches the skip link first and it moves focus to main', async () => {
  const { page } = env;
  await page.goto(env.url('/login'));
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    className: document.activeElement.className,
    href: document.activeElement.getAttribute('href'),
    text: document.activeElement.textContent.trim(),
  }));
  assert.deepEqual(focused, { className: 'skip-link', href: '#main', text: 'Aller au contenu' });
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, 'the focused skip link is on screen');

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 2000 });
  assert.equal(new URL(page.url()).hash, '#main');
  // The next Tab continues inside main: the first form field of the login form.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-email');
});

test('every page has no serious or critical axe violation', async () => {
  const { page } = env;
  const audit = axeAudit();
  await page.goto(env.url('/login'));
  await audit.check(page, 'login');

  const failedLogin = page.locator('form[action="/login"]');
  await failedLogin.locator('#f-email').fill(COORDINATOR);
  await failedLogin.locator('#f-password').fill('not-the-password');
  await Promise.all([page.waitForNavigation(), failedLogin.locator('button[type=submit]').click()]);
  await audit.check(page, 'login with an error');

  await signIn(page, env.baseURL, COORDINATOR);
  assert.equal(new URL(page.url()).pathname, hubPath);
  await audit.check(page, 'hub home');

  await page.goto(env.url('/'));
  await audit.check(page, 'hub index');

  await page.goto(env.url(membersPath));
  await audit.check(page, 'directory');

  // Search results as htmx swaps them in.
  const swapped = page.waitForResponse((r) => r.request().headers()['hx-request'] === 'true');
  await page.locator('#f-q').fill('bois');
  await swapped;
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'bois'
    && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'));
  assert.ok(await page.locator('#members-results tbody tr').count() > 0, 'the search finds demo members');
  await audit.check(page, 'directory with search results (htmx)');
  await page.goto(env.url(`${membersPath}?q=zzzz-nothing`));
  await audit.check(page, 'directory with no result');

  await page.goto(env.url(`${membersPath}?per_page=25`));
  await audit.check(page, 'directory, first of several pages');

  // A record with people, its edit form and a person's edit form.
  const rows = page.locator('#members-results tbody a');
  const memberHrefs = await rows.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let personEdit = null;
  let memberHref = memberHrefs[0];
  for (const href of memberHrefs) {
    await page.goto(env.url(href));
    personEdit = await page.locator('#people a[href$="/edit"]').first().getAttribute('href', { timeout: 100 }).catch(() => null);
    if (personEdit) { memberHref = href; break; }
  }
  assert.ok(personEdit, 'a demo member lists people');
  await page.goto(env.url(memberHref));
  await audit.check(page, 'member detail');
  await page.goto(env.url(`${memberHref}/edit`));
  await audit.check(page, 'edit member');
  await page.goto(env.url(personEdit));
  await audit.check(page, 'person edit');

  await page.goto(env.url(`${membersPath}/new`));
  await audit.check(page, 'new member form');
  await page.locator('#f-siret').fill('123');
  await page.locator('#f-fte').fill('beaucoup');
  await page.locator('#f-website').fill('pas une adresse');
  await page.locator('form.member-form').evaluate((form) => { form.noValidate = true; });
  await Promise.all([page.waitForNavigation(), page.click('form.member-form button[type=submit]')]);
  assert.ok(await page.locator('.form-errors').count() > 0, 'errors are shown');
  await audit.check(page, 'new member form with errors');

  await page.goto(env.url(`${membersPath}/import`));
  await audit.check(page, 'import form');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopole-a11y-'));
  try {
    const file = path.join(dir, 'import.csv');
    fs.writeFileSync(file, '\ufeffNom;Forme juridique;Code INSEE;Couleur\r\nA;association;38185;bleu\r\nB;association;99999;vert\r\n');
    await page.locator('#f-file').setInputFiles(file);
    await Promise.all([page.waitForNavigation(), page.click('form.import-form button[type=submit]')]);
    assert.equal(await page.locator('.import-report').count(), 1);
    await audit.check(page, 'import report with errors');
    fs.writeFileSync(file, '\ufeffNom;Forme juridique;Code INSEE\r\nA;association;38185\r\n');
    await page.locator('#f-file').setInputFiles(file);
    await page.locator('#f-dry_run').setChecked(true);
    await Promise.all([page.waitForNavigation(), page.click('form.import-form button[type=submit]')]);
    await audit.check(page, 'import report, clean check');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  await page.goto(env.url(`${hubPath}/settings`));
  await audit.check(page, 'hub settings');
  await page.goto(env.url(`${hubPath}/users`));
  await audit.check(page, 'hub users');
  await page.goto(env.url('/account'));
  await audit.check(page, 'account');
  await page.goto(env.url(`${hubPath}/audit`));
  await audit.check(page, 'audit log');
  for (const details of await page.locator('details').all()) await details.evaluate((d) => { d.open = true; });
  await audit.check(page, 'audit log with details open');

  const notFound = await page.goto(env.url('/no-such-page'));
  assert.equal(notFound.status(), 404);
  await audit.check(page, '404 page');
  await page.goto(env.url(`${membersPath}/999999`));
  await audit.check(page, 'unknown member');
  audit.assertClean();
});

test('the English directory has no serious or critical axe violation', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(membersPath));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/language"] button[type=submit]')]);
  try {
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await assertAccessible(page, 'directory in English');
    await page.goto(env.url(`${membersPath}/new`));
    await assertAccessible(page, 'new member form in English');
  } finally {
    await page.goto(env.url(membersPath));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/language"] button[type=submit]')]);
  }
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
});
