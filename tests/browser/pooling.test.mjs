// Pooling in a real browser: the coordinator publishes a meeting room and a van lent by a
// member; two members book them (the van needs its owner's approval, which she gives); the
// calendar draws the bookings; the feed address answers text/calendar; the pages pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, axeAudit, COORDINATOR, MEMBER_STAFF, HUB } from './support.mjs';

const env = useServerAndBrowser();
const pooling = `/hubs/${HUB}/pooling`;
// Staff of the Cantine Partagée Mistral (demo), which lends the van.
const VAN_OWNER = 'cantine@demo.coopole.fr';

/** A weekday (Tuesday) at least ten days ahead, as YYYY-MM-DD. */
function upcomingTuesday() {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 10);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
const bookingDay = upcomingTuesday();
const created = { room: null, van: null };
const audit = axeAudit();

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Fills and sends the resource form; returns the new resource's id. */
async function publish(page, values, owner) {
  await page.goto(env.url(`${pooling}/resources/new`));
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`form.resource-form [name="${name}"]`);
    const tag = await field.evaluate((el) => el.tagName.toLowerCase() + (el.type ? ':' + el.type : ''));
    if (tag.startsWith('select')) await field.selectOption(value);
    else if (tag === 'input:checkbox') await field.setChecked(Boolean(value));
    else await field.fill(String(value));
  }
  if (owner) await page.selectOption('#f-owner_member_id', { label: owner });
  await submit(page, 'form.resource-form button[type=submit]');
  const url = new URL(page.url());
  assert.match(url.pathname, /\/pooling\/resources\/\d+$/, `published: ${page.url()}`);
  assert.match(await page.locator('main').innerText(), /Ressource publiée/);
  return url.pathname.split('/').pop();
}

/** Books `resourceId` from its booking form; returns the page after the booking. */
async function book(page, resourceId, { start, end, title, attendees }) {
  await page.goto(env.url(`${pooling}/resources/${resourceId}/book`));
  await page.fill('#f-date', bookingDay);
  await page.fill('#f-starts_at', start);
  await page.fill('#f-ends_at', end);
  await page.fill('#f-title', title);
  if (attendees) await page.fill('#f-attendees', String(attendees));
  await submit(page, 'form.booking-form button[name=mode][value=all_or_nothing]');
  assert.match(new URL(page.url()).pathname, /\/pooling\/bookings\/\d+$/, `booked: ${page.url()}`);
}

test('a coordinator publishes a meeting room and a van lent by a member', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(pooling));
  await audit.check(page, 'pooling overview (coordinator)');
  assert.ok(await page.locator(`main a[href="${pooling}/resources/new"]`).count() > 0, 'a "publish" button');
  created.room = await publish(page, {
    kind: 'premises', category: 'room', name: 'Salle Vercors', capacity: 10,
    opening_hours: 'lun-ven 08:00-19:00', price_unit: 'hour', price_member: '15', price_non_member: '25',
    price_solidarity: '8',
  });
  await audit.check(page, 'resource detail');
  assert.match(await page.locator('main').innerText(), /15,00/);
  created.van = await publish(page, {
    kind: 'equipment', category: 'vehicle', name: 'Fourgon utilitaire', capacity: 3,
    approval_required: true, price_unit: 'day', price_member: '60',
  }, 'Cantine Partagée Mistral');
  assert.match(await page.locator('main').innerText(), /Cantine Partagée Mistral/);

  await page.goto(env.url(`${pooling}?q=vercors`));
  assert.equal(await page.locator('#pooling-results tbody tr').count(), 1, 'found without the accent or case');
  await page.goto(env.url(`${pooling}/resources/new`));
  await audit.check(page, 'resource form');
});

test('two members book them; the van waits for its owner, who approves it', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, MEMBER_STAFF);
  await page.goto(env.url(`${pooling}/availability?kind=equipment&date=${bookingDay}&from=08:00&to=18:00`));
  await audit.check(page, 'availability search');
  assert.ok(await page.locator('#availability-results', { hasText: 'Fourgon utilitaire' }).count() > 0,
    'the van is free that day');
  await page.goto(env.url(`${pooling}/resources/${created.van}/book`));
  await audit.check(page, 'booking form');
  await book(page, created.van, { start: '08:00', end: '18:00', title: 'Collecte des meubles' });
  assert.match(await page.locator('main').innerText(), /attend la validation/);
  assert.match(await page.locator('main .status').first().innerText(), /En attente/);

  // Someone else's slot: the same hours are refused with the booking in the way.
  await page.goto(env.url(`${pooling}/resources/${created.van}/book`));
  await page.fill('#f-date', bookingDay);
  await page.fill('#f-starts_at', '10:00');
  await page.fill('#f-ends_at', '12:00');
  const [conflict] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.booking-form button[name=mode][value=all_or_nothing]'),
  ]);
  assert.equal(conflict.status(), 409);
  assert.match(await page.locator('.conflicts').innerText(), /Ressourcerie des Alpes/);

  await signIn(page, env.baseURL, VAN_OWNER);
  await book(page, created.room, { start: '09:00', end: '12:00', title: 'Réunion cuisine', attendees: 8 });
  assert.match(await page.locator('main').innerText(), /Réservation confirmée/);

  await page.goto(env.url(`${pooling}/bookings?view=approve`));
  await audit.check(page, 'bookings to approve');
  const row = page.locator('tbody tr', { hasText: 'Fourgon utilitaire' });
  assert.equal(await row.count(), 1, 'the van request is listed for its owner');
  await Promise.all([page.waitForNavigation(), row.locator('form[action$="/approve"] button').click()]);
  assert.match(await page.locator('main').innerText(), /Réservation validée/);
  assert.equal(await page.locator('tbody tr', { hasText: 'Fourgon utilitaire' }).count(), 0, 'no longer to approve');
});

test('the calendar shows the bookings, and the feed address answers text/calendar', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  for (const id of [created.room, created.van]) {
    await page.goto(env.url(`${pooling}/calendar?resource=${id}&date=${bookingDay}`));
    await page.waitForSelector('#pooling-calendar[data-ready="true"]');
    const event = page.locator('#pooling-calendar .fc-event').first();
    await event.waitFor();
    const text = await page.locator('#pooling-calendar').innerText();
    assert.match(text, id === created.room ? /Cantine Partagée Mistral/ : /Ressourcerie des Alpes/);
    assert.equal(await page.locator('#pooling-calendar .pooling-event-pending').count(), 0, 'both are confirmed');
  }
  await audit.check(page, 'calendar');
  // The month view too.
  await page.click('#pooling-calendar .fc-dayGridMonth-button');
  await page.locator('#pooling-calendar .fc-daygrid-event').first().waitFor();

  // A pending booking is drawn differently.
  await signIn(page, env.baseURL, MEMBER_STAFF);
  await page.goto(env.url(`${pooling}/resources/${created.van}/book`));
  const nextDay = new Date(`${bookingDay}T12:00:00Z`);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  await page.fill('#f-date', nextDay.toISOString().slice(0, 10));
  await page.fill('#f-starts_at', '08:00');
  await page.fill('#f-ends_at', '12:00');
  await submit(page, 'form.booking-form button[name=mode][value=all_or_nothing]');
  await page.goto(env.url(`${pooling}/calendar?resource=${created.van}&date=${bookingDay}`));
  await page.locator('#pooling-calendar .pooling-event-pending').first().waitFor();

  await page.goto(env.url(`${pooling}/resources/${created.room}`));
  const feedUrl = await page.locator('#feed-url').inputValue();
  assert.match(feedUrl, /\/feeds\/pooling\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await page.request.get(feedUrl);
  assert.equal(feed.status(), 200);
  assert.equal(feed.headers()['content-type'], 'text/calendar; charset=utf-8');
  assert.match(await feed.text(), /BEGIN:VEVENT[\s\S]*Réunion cuisine/);
  // The copy button appears with JavaScript and is reachable from the keyboard.
  const copy = page.locator('button[data-copy="#feed-url"]');
  assert.equal(await copy.isVisible(), true);
  await page.goto(env.url(`${pooling}/bookings`));
  await audit.check(page, 'my bookings');
  audit.assertClean();
});
