// The acceptance path for events in a real browser on the demo hub: the coordinator
// creates a working group through the groups API, creates a meeting
// through the form, invites the group (or members) from the event page, a person replies from
// the e-mail link without signing in (the token read from the server's database, as the
// e-mail would carry it), and attendance is taken on the phone page at 390x844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServerAndBrowser, launchBrowser, signIn, csrfOf, axeAudit, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const base = `/hubs/${HUB}/animation/events`;
const audit = axeAudit();

/** The SQLite database of the server answering on env.baseURL (support.mjs keeps it in a temp dir). */
function serverDatabase() {
  const port = new URL(env.baseURL).port;
  for (const dir of fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('coopole-browser-'))) {
    const log = path.join(os.tmpdir(), dir, 'server.log');
    if (fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes(`port ${port})`)) return path.join(os.tmpdir(), dir, 'b.db');
  }
  throw new Error('server database not found');
}

function sql(query) {
  return execFileSync('sqlite3', [serverDatabase(), query], { encoding: 'utf8' }).trim();
}

function inDays(n) {
  const d = new Date(Date.now() + n * 86400_000);
  return d.toISOString().slice(0, 10);
}

let eventPath = '';

test('a coordinator creates a group and a meeting and invites the group', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(base));
  await audit.check(page, 'event list');
  const csrf = await csrfOf(page);
  // A working group of two member organisations.
  const members = await (await page.request.get(env.url(`/api/v1/hubs/${HUB}/members?per_page=5`))).json().catch(() => ({}));
  const memberIds = (members.items || []).slice(0, 2).map((m) => m.id);
  const created = await page.request.post(env.url(`/api/v1/hubs/${HUB}/animation/groups`), {
    headers: { 'X-CSRF-Token': csrf },
    data: { name: 'Groupe recette événements', theme: 'Essai', member_ids: memberIds },
  });
  assert.equal(created.status(), 201, await created.text());
  const group = await created.json();

  await page.goto(env.url(`${base}/new`));
  await audit.check(page, 'event form');
  await page.locator('#f-kind').selectOption('meeting');
  await page.locator('#f-title').fill('Réunion de recette');
  await page.locator('#f-date').fill(inDays(6));
  await page.locator('#f-start').fill('14:00');
  await page.locator('#f-end').fill('16:00');
  await page.locator('#f-place').fill('Maison du pôle');
  await page.locator('#f-group').selectOption(String(group.id));
  await Promise.all([page.waitForNavigation(), page.locator('form.event-form button[type=submit]').click()]);
  eventPath = new URL(page.url()).pathname;
  assert.match(eventPath, /\/animation\/events\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), 'Réunion de recette');

  await page.locator('#invitations summary').click();
  await page.locator('#f-inv-groups').selectOption(String(group.id));
  await Promise.all([page.waitForNavigation(), page.locator('form.invite-form button[type=submit]').click()]);
  assert.ok(await page.locator('#invitations tbody tr').count() >= 2, 'the people of the group\'s members are invited');
  await audit.check(page, 'event page with invitations');
});

test('a person replies from the link without signing in', async () => {
  const eventId = eventPath.split('/').pop();
  const token = sql(`SELECT token FROM animation_invitations WHERE event_id = ${Number(eventId)} ORDER BY id LIMIT 1`);
  assert.equal(token.length, 43);
  const stranger = await launchBrowser();  // another profile: no session, no cookie
  try {
    const visitor = stranger.page;
    await visitor.goto(env.url(`/invitations/${token}`));
    assert.match(await visitor.locator('h1').innerText(), /Réunion de recette/);
    await audit.check(visitor, 'public reply page');
    await Promise.all([visitor.waitForNavigation(), visitor.locator('.reply-buttons button[value=yes]').click()]);
    assert.equal(await visitor.locator('[data-reply]').getAttribute('data-reply'), 'yes');
  } finally {
    await stranger.close();
  }
  assert.equal(sql(`SELECT reply FROM animation_invitations WHERE token = '${token}'`), 'yes');
});

test('attendance is taken on the phone page', async () => {
  const { page } = env;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(env.url(`${eventPath}/attendance`));
  await audit.check(page, 'attendance page on a phone');
  const first = page.locator('.attendance-row').first();
  await Promise.all([page.waitForNavigation(), first.locator('button[name=present][value="1"]').click()]);
  assert.equal(await page.locator('[data-count=present]').innerText(), '1');
  assert.ok(await page.locator('.attendance-row.is-present').count() === 1);
  const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`));
  assert.deepEqual(wide, [], 'nothing of the attendance page overflows 390 px');
  const box = await page.locator('.attendance-row button').first().boundingBox();
  assert.ok(box.height >= 44, 'large touch targets');
  audit.assertClean();
});
