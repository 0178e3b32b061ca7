// Joint bids and the hub share in a real browser on the demo hub: the list shows the tender's
// upcoming deadline, a bid is recorded through the form (a wrong share total is refused and
// named), the contract page shows the hub share with arrears, a member (the Ressourcerie)
// declares an invoice for itself, and every page passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, signOut, axeAudit, COORDINATOR, MEMBER_STAFF, HUB } from './support.mjs';

const env = useServerAndBrowser();
const base = `/hubs/${HUB}/cooperation`;
const api = `/api/v1/hubs/${HUB}/cooperation`;
const audit = axeAudit();

/** The demo bid with this kind, from the API. */
async function demoBid(page, kind) {
  const res = await page.request.get(env.url(`${api}/bids`));
  assert.equal(res.status(), 200, await res.text());
  const bid = (await res.json()).items.find((b) => b.kind === kind);
  assert.ok(bid, `a demo bid of kind ${kind}`);
  return bid;
}

test('the coordinator sees the bids, the upcoming deadline and the hub share in arrears', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  // The hub home shows the near deadline and the arrears.
  await page.goto(env.url(`/hubs/${HUB}`));
  assert.match(await page.locator('section[aria-labelledby=h-bids-home]').innerText(), /Jean-Jaurès[\s\S]*1\s100,00\s€/);
  await audit.check(page, 'hub home with the bids block');
  await page.goto(env.url(`${base}/bids`));
  await assert.doesNotReject(page.locator('.bid-alerts li').first().waitFor());
  assert.match(await page.locator('.bid-alerts').innerText(), /Jean-Jaurès/);
  await audit.check(page, 'bid list');

  const tender = await demoBid(page, 'tender');
  await page.goto(env.url(`${base}/bids/${tender.id}`));
  assert.equal(await page.locator('.bid-members, table.striped').first().locator('tbody tr').count(), 3);
  await audit.check(page, 'bid page');

  const won = await demoBid(page, 'call_for_projects');
  await page.goto(env.url(`${base}/bids/${won.id}/contract`));
  assert.match(await page.locator('tfoot').first().innerText(), /1\s100,00\s€/);
  await audit.check(page, 'contract and hub share');

  await page.goto(env.url(`${base}/hub-share`));
  assert.ok(await page.locator('tr.in-arrears').count() >= 2, 'members in arrears are marked');
  await audit.check(page, 'hub share');
});

test('a bid is recorded through the form; a share total other than 100 % is refused', async () => {
  const { page } = env;
  await page.goto(env.url(`${base}/bids/new`));
  await audit.check(page, 'bid form');
  await page.locator('#f-title').fill('AAP Mobilités solidaires');
  const lead = await page.locator('#f-lead_member_id option').nth(1).getAttribute('value');
  const other = await page.locator('#f-lead_member_id option').nth(2).getAttribute('value');
  await page.locator('#f-lead_member_id').selectOption(lead);
  await page.locator('select[name=member_id_0]').selectOption(lead);
  await page.locator('input[name=share_0]').fill('70');
  await page.locator('select[name=member_id_1]').selectOption(other);
  await page.locator('input[name=share_1]').fill('20');
  await Promise.all([page.waitForNavigation(), page.locator('form.bid-form button[type=submit]').click()]);
  assert.match(await page.locator('.form-errors').innerText(), /100 %/);
  await audit.check(page, 'bid form with errors');
  await page.locator('input[name=share_1]').fill('30');
  await Promise.all([page.waitForNavigation(), page.locator('form.bid-form button[type=submit]').click()]);
  assert.match(new URL(page.url()).pathname, /\/cooperation\/bids\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), 'AAP Mobilités solidaires');
});

test('a member declares an invoice for its own organisation', async () => {
  const { page } = env;
  await signOut(page);
  await signIn(page, env.baseURL, MEMBER_STAFF);
  const won = await demoBid(page, 'call_for_projects');
  await page.goto(env.url(`${base}/bids/${won.id}/contract`));
  assert.equal(await page.locator('#f-member_id').count(), 0, 'no member choice for a member');
  await page.locator('#f-invoiced_on').fill(new Date().toISOString().slice(0, 10));
  await page.locator('#f-invoice-amount').fill('2000');
  await page.locator('#f-invoice-reference').fill('FA-TEST-1');
  await Promise.all([page.waitForNavigation(), page.locator('#invoices form button[type=submit]').click()]);
  assert.match(await page.locator('#invoices').innerText(), /FA-TEST-1/);
  audit.assertClean();
});
