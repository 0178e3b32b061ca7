// The language button: English everywhere once chosen, kept from page to page, and back to French.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();

async function switchLanguage(page) {
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/language"] button[type=submit]'),
  ]);
}

test('the language button switches to English, the choice persists across pages, and French comes back', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(`/hubs/${HUB}/members`));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const englishButton = page.locator('form[action="/language"] button');
  assert.equal(await englishButton.innerText(), 'English');
  assert.equal(await englishButton.getAttribute('lang'), 'en', 'the button is labelled in the language it offers');

  await switchLanguage(page);
  assert.equal(new URL(page.url()).pathname, `/hubs/${HUB}/members`, 'the switch returns to the same page');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('button', { hasText: 'Sign out' }).count(), 1);
  assert.equal(await page.locator('.hub-nav a', { hasText: 'Directory' }).count(), 1);
  assert.equal(await page.locator('.hub-nav').getAttribute('aria-label'), 'Hub navigation');
  assert.equal(await page.locator('.skip-link').innerText(), 'Skip to content');
  assert.equal(await page.locator('button', { hasText: 'Se déconnecter' }).count(), 0, 'no French left in the header');

  // Other pages, reached by links and by address, stay in English.
  await Promise.all([page.waitForNavigation(), page.locator('.hub-nav a', { hasText: 'Home' }).click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('button', { hasText: 'Sign out' }).count(), 1);
  await page.goto(env.url(`/hubs/${HUB}/members/new`));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.hub-nav a', { hasText: 'Audit log' }).count(), 1);
  const notFound = await page.goto(env.url('/no-such-page'));
  assert.equal(notFound.status(), 404);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('main').innerText(), /Back to the home page/);

  await page.goto(env.url(`/hubs/${HUB}`));
  const frenchButton = page.locator('form[action="/language"] button');
  assert.equal(await frenchButton.innerText(), 'Français');
  assert.equal(await frenchButton.getAttribute('lang'), 'fr');
  await switchLanguage(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('button', { hasText: 'Se déconnecter' }).count(), 1);
  assert.equal(await page.locator('.hub-nav a', { hasText: 'Annuaire' }).count(), 1);
  await page.goto(env.url(`/hubs/${HUB}/members`));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr', 'French persists too');
});

test('an anonymous visitor can switch the login page to English', async () => {
  const { page } = env;
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith('/login')),
    page.click('form[action="/logout"] button[type=submit]'),
  ]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await switchLanguage(page);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'Sign in');
  assert.equal(await page.locator('label[for=f-password]').innerText(), 'Password');
  await switchLanguage(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
});
