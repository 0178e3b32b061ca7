// Markup typed into member records is shown as text on every page, never run.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, fillMemberForm, submitMemberForm, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const membersPath = `/hubs/${HUB}/members`;

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '<a oncontentvisibilityautostatechange=alert(1) style=display:block>x</a>',
];

let dialogs = [];
let strayRequests = [];
const onDialog = (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); };
const onRequest = (request) => {
  const url = new URL(request.url());
  if (url.pathname.endsWith('/x')) strayRequests.push(request.url());
};

beforeEach(() => {
  dialogs = [];
  strayRequests = [];
  env.page.on('dialog', onDialog);
  env.page.on('request', onRequest);
});
afterEach(() => {
  env.page.off('dialog', onDialog);
  env.page.off('request', onRequest);
});

/** No script ran and no injected element exists in the page. */
async function assertInert(page, where) {
  // Give event-handler payloads (onerror, content-visibility) a chance to fire before judging.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(strayRequests, [], `${where}: the injected <img> was loaded`);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [oncontentvisibilityautostatechange]').length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('alert(1)')).length,
  }));
  assert.deepEqual(injected, { img: 0, handlers: 0, scripts: 0 }, `${where}: markup was injected`);
}

test('markup in member names and descriptions is shown literally on list, detail and edit pages', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  const records = [];
  for (const payload of PAYLOADS) {
    await page.goto(env.url(`${membersPath}/new`));
    await fillMemberForm(page, { name: payload, legal_form: 'association', description: payload });
    await submitMemberForm(page);
    assert.match(new URL(page.url()).pathname, /\/members\/\d+$/, `created: ${payload}`);
    await assertInert(page, `record just created for ${payload}`);
    records.push({ payload, href: new URL(page.url()).pathname });
  }

  // The directory lists all three as link text.
  await page.goto(env.url(`${membersPath}?per_page=200`));
  const linkTexts = await page.locator('#members-results tbody td:first-child a').allTextContents();
  for (const payload of PAYLOADS) assert.ok(linkTexts.includes(payload), `listed literally: ${payload}`);
  await assertInert(page, 'directory');

  for (const { payload, href } of records) {
    await page.goto(env.url(href));
    assert.equal(await page.locator('h1').textContent(), payload, 'detail title');
    assert.equal((await page.locator('section[aria-labelledby="h-description"] p').textContent()).trim(), payload,
      'detail description');
    await assertInert(page, `detail ${href}`);

    await page.goto(env.url(`${href}/edit`));
    assert.equal(await page.locator('#f-name').inputValue(), payload, 'edit: name input');
    assert.equal(await page.locator('#f-description').inputValue(), payload, 'edit: description textarea');
    await assertInert(page, `edit ${href}`);
  }
});

test('markup in a search query and in a person name is shown literally', async () => {
  const { page } = env;
  for (const payload of PAYLOADS) {
    await page.goto(env.url(`${membersPath}?q=${encodeURIComponent(payload)}`));
    assert.equal(await page.locator('#f-q').inputValue(), payload, 'the search box keeps the query as text');
    await assertInert(page, `search ${payload}`);
  }

  // A person whose name is markup, on the record of the first member.
  await page.goto(env.url(`${membersPath}?per_page=200`));
  await Promise.all([
    page.waitForNavigation(),
    page.locator('#members-results a', { hasText: PAYLOADS[0] }).first().click(),
  ]);
  const form = page.locator('form.person-add');
  await form.locator('[name=name]').fill(PAYLOADS[2]);
  await form.locator('[name=role]').fill(PAYLOADS[1]);
  await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
  const cells = await page.locator('#people tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[0], PAYLOADS[2]);
  assert.equal(cells[1], PAYLOADS[1]);
  await assertInert(page, 'people table');

  await page.goto(env.url(`/hubs/${HUB}/audit`));
  await assertInert(page, 'audit log');
});
