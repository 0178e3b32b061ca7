// The observer role (a funder): reads the directory, sees no way to change it, and is refused when it
// tries anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, csrfOf, OBSERVER, HUB } from './support.mjs';

const env = useServerAndBrowser();
const membersPath = `/hubs/${HUB}/members`;

test('an observer sees no add, edit or import buttons', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, OBSERVER);
  assert.match(await page.locator('.site-header .role').innerText(), /observ/i);

  await page.goto(env.url(membersPath));
  assert.ok(await page.locator('#members-results tbody tr').count() > 0, 'the observer reads the directory');
  assert.equal(await page.locator(`a[href$="${membersPath}/new"]`).count(), 0, 'no "add" button');
  assert.equal(await page.locator(`a[href$="${membersPath}/import"]`).count(), 0, 'no "import" button');
  assert.equal(await page.locator('main a[role=button]', { hasText: /Ajouter|Importer/ }).count(), 0);

  await Promise.all([page.waitForNavigation(), page.locator('#members-results tbody a').first().click()]);
  assert.match(new URL(page.url()).pathname, /\/members\/\d+$/);
  assert.equal(await page.locator('a[href$="/edit"]').count(), 0, 'no "edit" link on the record');
  assert.equal(await page.locator('main form[action$="/archive"], main form[action$="/restore"]').count(), 0,
    'no archive button');
  assert.equal(await page.locator('form.person-add').count(), 0, 'no form to add a person');
});

test('an observer who posts the edit form anyway gets 403 and the record is unchanged', async () => {
  const { page } = env;
  await page.goto(env.url(membersPath));
  const href = await page.locator('#members-results tbody a').first().getAttribute('href');
  await page.goto(env.url(href));
  const name = await page.locator('h1').textContent();
  const csrf = await csrfOf(page);
  assert.ok(csrf.length > 10, 'the page carries a CSRF token');

  const editPage = await page.request.get(env.url(`${href}/edit`), { maxRedirects: 0 });
  assert.equal(editPage.status(), 403, 'the edit form itself is refused');

  const posted = await page.request.post(env.url(href), {
    form: { csrf, version: '1', name: 'Modifié par un observateur', legal_form: 'association' },
    maxRedirects: 0,
  });
  assert.equal(posted.status(), 403);
  const body = await posted.text();
  assert.match(body, /Accès refusé/, 'refused for lack of permission...');
  assert.doesNotMatch(body, /Formulaire expiré/, '...not for a bad CSRF token');

  // The same token is good: a harmless form post with it goes through.
  const language = await page.request.post(env.url('/language'), {
    form: { csrf, lang: 'fr', next: href },
    maxRedirects: 0,
  });
  assert.equal(language.status(), 303, 'the CSRF token was valid');

  await page.reload();
  assert.equal(await page.locator('h1').textContent(), name, 'the record is unchanged');
});
