// The member directory as the coordinator uses it: sign in, create a member, search and filter with
// htmx, form errors, and the printable record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, fillMemberForm, submitMemberForm, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const membersPath = `/hubs/${HUB}/members`;

/** The number shown in "Structures trouvées : N". */
async function resultCount(page) {
  const text = await page.locator('#members-results .results-count').innerText();
  const match = text.match(/(\d+)\s*$/);
  assert.ok(match, `no count in "${text}"`);
  return Number(match[1]);
}

/** Waits for the htmx request of the directory search form (it carries HX-Request: true). */
function htmxDirectoryResponse(page, predicate = () => true) {
  return page.waitForResponse((res) => {
    const url = new URL(res.url());
    return url.pathname === membersPath && res.request().headers()['hx-request'] === 'true' && predicate(url);
  });
}

test('the coordinator signs in through the login form and lands on the hub', async () => {
  const { page } = env;
  const response = await page.goto(env.url('/'));
  assert.equal(new URL(page.url()).pathname, '/login', 'an anonymous visitor is sent to the login page');
  assert.equal(response.status(), 200);
  await signIn(page, env.baseURL, COORDINATOR);
  assert.equal(new URL(page.url()).pathname, `/hubs/${HUB}`);
  await assert.doesNotReject(page.locator('h1', { hasText: 'Pôle Alpes Coopération' }).waitFor());
  assert.equal(await page.locator('button', { hasText: 'Se déconnecter' }).count(), 1);
  assert.equal(await page.locator('.hub-nav a', { hasText: 'Annuaire' }).count(), 1);
});

test('a member created through the form shows its commune and EPCI, and the search finds it without reloading', async () => {
  const { page } = env;
  const name = 'Épicerie Coopérative du Trièves';
  await page.goto(env.url(`${membersPath}/new`));
  await fillMemberForm(page, { name, legal_form: 'scic', commune_insee: '38185', sectors: '47.11B' });
  await submitMemberForm(page);

  assert.match(new URL(page.url()).pathname, new RegExp(`^${membersPath}/\\d+$`), 'lands on the member record');
  assert.equal(await page.locator('h1').textContent(), name);
  const territory = page.locator('section[aria-labelledby="h-territory"]');
  const territoryText = await territory.innerText();
  assert.match(territoryText, /Grenoble \(38185\)/);
  assert.match(territoryText, /Grenoble-Alpes-Métropole/);
  assert.match(territoryText, /200040715/);
  assert.match(await page.locator('section[aria-labelledby="h-activity"]').innerText(), /47\.11B/);

  // The directory search: accents and case are ignored, the results are swapped in by htmx.
  await page.goto(env.url(membersPath));
  const total = await resultCount(page);
  await page.evaluate(() => { window.__noReload = 'still here'; });
  const searched = htmxDirectoryResponse(page, (u) => u.searchParams.get('q') === 'epicerie cooperative');
  await page.locator('#f-q').pressSequentially('epicerie cooperative', { delay: 10 });
  await searched;
  await page.locator('#members-results a', { hasText: name }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), 'still here', 'the page was not reloaded');
  assert.equal(await resultCount(page), 1);
  assert.ok(total > 1, 'the demo directory holds several members');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'epicerie cooperative', 'the URL follows the search');

  // A filter narrows the results: legal form SCIC, without the text search.
  await page.goto(env.url(membersPath));
  await page.evaluate(() => { window.__noReload = 'still here'; });
  const filtered = htmxDirectoryResponse(page, (u) => u.searchParams.getAll('legal_form').includes('scic'));
  await page.locator('#f-legal_form').selectOption(['scic']);
  await filtered;
  await page.waitForFunction(
    (before) => {
      const m = document.querySelector('#members-results .results-count')?.textContent.match(/(\d+)\s*$/);
      return m && Number(m[1]) !== before;
    },
    total,
    { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__noReload), 'still here', 'the page was not reloaded');
  const narrowed = await resultCount(page);
  assert.ok(narrowed >= 1 && narrowed < total, `the filter narrows ${total} to ${narrowed}`);
  const forms = await page.locator('#members-results tbody tr td:nth-child(2)').allTextContents();
  assert.equal(forms.length, narrowed);
  assert.ok(forms.every((f) => f.trim() === 'SCIC'), `only SCICs are listed: ${forms.join(', ')}`);
  assert.equal(await page.locator('#members-results a', { hasText: name }).count(), 1);
});

test('an invalid SIRET and an empty name are refused with field messages and the typed values kept', async () => {
  const { page } = env;
  await page.goto(env.url(`${membersPath}/new`));
  await fillMemberForm(page, {
    name: '',
    siret: '123 456 789',
    legal_form: 'association',
    commune_insee: '38151',
    sectors: '88.99B',
    fte: '3,5',
    website: 'https://exemple.fr',
    description: 'Une description à garder',
  });
  // The server's own checks are under test, not the browser's constraint validation.
  await page.locator('form.member-form').evaluate((form) => { form.noValidate = true; });
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.member-form button[type=submit]'),
  ]);
  assert.equal(response.status(), 422);

  const summary = page.locator('.form-errors[role=alert]');
  assert.match(await summary.innerText(), /Le formulaire contient des erreurs/);
  assert.equal(await summary.locator('a[href="#f-name"]').count(), 1);
  assert.equal(await summary.locator('a[href="#f-siret"]').count(), 1);

  // Each message sits right after its field and is announced with it.
  for (const [field, pattern] of [['name', /obligatoire/], ['siret', /SIRET invalide/]]) {
    const input = page.locator(`#f-${field}`);
    assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
    const describedBy = (await input.getAttribute('aria-describedby')).split(/\s+/);
    assert.ok(describedBy.includes(`f-${field}-error`), `${field} is described by its message`);
    const message = page.locator(`#f-${field}-error`);
    assert.match(await message.innerText(), pattern);
    const nearby = await input.evaluate((el, id) => {
      for (let n = el.nextElementSibling, i = 0; n && i < 3; n = n.nextElementSibling, i++) if (n.id === id) return true;
      return false;
    }, `f-${field}-error`);
    assert.ok(nearby, `the ${field} message follows its field`);
  }
  assert.equal(await page.locator('#f-commune_insee').getAttribute('aria-invalid'), null, 'valid fields are not flagged');

  assert.equal(await page.locator('#f-name').inputValue(), '');
  assert.equal(await page.locator('#f-siret').inputValue(), '123 456 789');
  assert.equal(await page.locator('#f-legal_form').inputValue(), 'association');
  assert.equal(await page.locator('#f-commune_insee').inputValue(), '38151');
  assert.equal(await page.locator('#f-sectors').inputValue(), '88.99B');
  assert.equal(await page.locator('#f-fte').inputValue(), '3,5');
  assert.equal(await page.locator('#f-website').inputValue(), 'https://exemple.fr');
  assert.equal(await page.locator('#f-description').inputValue(), 'Une description à garder');
});

test('printing a member record hides the navigation', async () => {
  const { page } = env;
  await page.goto(env.url(membersPath));
  const href = await page.locator('#members-results tbody a').first().getAttribute('href');
  await page.goto(env.url(href));
  assert.ok(await page.locator('.site-header').isVisible(), 'the header shows on screen');
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await page.locator('.site-header').isVisible(), false, 'the header is hidden in print');
    assert.equal(await page.locator('nav').evaluateAll((navs) => navs.filter((n) => n.checkVisibility()).length), 0,
      'no navigation is printed');
    assert.equal(await page.locator('.site-footer').isVisible(), false);
    assert.equal(await page.locator('.member-record .actions').isVisible(), false, 'no edit buttons are printed');
    assert.ok(await page.locator('.member-record h1').isVisible(), 'the record itself is printed');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});
