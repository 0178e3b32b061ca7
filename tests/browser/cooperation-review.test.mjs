// Project reviews in a real browser: the coordinator opens the planned review of the demo
// hub, records a decision and a follow-up, saves the minutes (the review is then held), and
// moves projects from the pipeline: the next step with its criteria met, and a step with an
// unmet criterion, refused until a reason is given; puts one of the hub's suggested
// cooperations on the review's agenda. The pages pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, axeAudit, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const coop = `/hubs/${HUB}/cooperation`;
const audit = axeAudit();

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

function inDays(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('the coordinator runs a project review: decision, follow-up, minutes', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(`${coop}/reviews`));
  await audit.check(page, 'reviews list');
  await submit(page, page.getByRole('link', { name: 'Prochaine revue de projets' }));
  assert.match(new URL(page.url()).pathname, /\/cooperation\/reviews\/\d+$/);
  await audit.check(page, 'review session');

  const item = page.locator('article.review-item').first();
  assert.match(await item.locator('h3').innerText(), /Logistique frigorifique partagée/);
  await item.locator('textarea[name=decision]').fill('Étendre les tournées au Voironnais');
  await submit(page, item.locator('form[action$="/decision"] button[type=submit]'));
  assert.match(await page.locator('article.review-item .decision').first().innerText(), /Étendre les tournées au Voironnais/);

  const again = page.locator('article.review-item').first();
  await again.locator('select[name=member_id]').selectOption({ label: 'Transports Doux Voironnais' });
  await again.locator('input[name=what]').fill('Proposer un calendrier de tournées');
  await again.locator('input[name=due_on]').fill(inDays(14));
  await submit(page, again.locator('form[action$="/follow-ups"] button[type=submit]'));
  const followUp = page.locator('article.review-item').first().locator('li.follow-up');
  assert.equal(await followUp.count(), 1);
  assert.match(await followUp.innerText(), /Transports Doux Voironnais : Proposer un calendrier de tournées/);

  await page.fill('#f-minutes', 'Tournées étendues au Voironnais ; calendrier attendu sous quinze jours.');
  await page.selectOption('#f-status', 'held');
  await submit(page, page.locator('#minutes form button[type=submit]'));
  assert.match(await page.locator('.minutes').innerText(), /Tournées étendues au Voironnais/);
  assert.equal(await page.locator('#f-status').inputValue(), 'held');
  // The list counts the session's items and shows it held.
  await page.goto(env.url(`${coop}/reviews`));
  const row = page.locator('tr', { hasText: 'Prochaine revue de projets' });
  assert.equal((await row.locator('td').nth(2).innerText()).trim(), 'Tenue');
});

test('the coordinator puts a suggested cooperation on the agenda', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(`${coop}/reviews`));
  await submit(page, page.getByRole('link', { name: 'Prochaine revue de projets' }));
  const table = page.locator('section[aria-labelledby=h-suggestions]');
  assert.match(await table.locator('h3').innerText(), /Suggestions de coopération à examiner/);
  const suggestions = table.locator('tbody tr');
  const offered = await suggestions.count();
  assert.ok(offered > 0, 'the demo hub has suggestions to discuss');
  const first = suggestions.first();
  const title = (await first.locator('td strong').innerText()).trim();
  const key = await first.locator('input[name=suggestion_key]').inputValue();
  const items = await page.locator('article.review-item').count();

  await submit(page, first.getByRole('button'));
  assert.match(new URL(page.url()).pathname, /\/cooperation\/reviews\/\d+$/);
  const added = page.locator('article.review-item', { hasText: key });
  assert.equal(await page.locator('article.review-item').count(), items + 1);
  assert.equal(await added.count(), 1);
  assert.equal((await added.locator('h3').innerText()).trim(), title);
  // Once on the agenda it is no longer offered.
  assert.equal(await page.locator('section[aria-labelledby=h-suggestions] input[name=suggestion_key]')
    .evaluateAll((inputs, k) => inputs.filter((i) => i.value === k).length, key), 0);
  await audit.check(page, 'review session with a suggestion on the agenda');
});

test('the coordinator moves projects through the pipeline', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  await page.goto(env.url(`${coop}/projects`));
  await audit.check(page, 'pipeline');

  // The next step, every criterion met: no reason needed.
  const idea = page.locator('section[data-stage=idea] article.project-card', { hasText: 'Conciergerie inter-entreprises' });
  assert.equal(await idea.locator('select[name=stage]').inputValue(), 'feasibility');
  await submit(page, idea.locator('button[type=submit]'));
  assert.equal(await page.locator('section[data-stage=feasibility] article.project-card',
    { hasText: 'Conciergerie inter-entreprises' }).count(), 1);

  // An unmet criterion (no budget): refused without a reason, the criteria listed.
  const canteen = () => page.locator('section[data-stage=feasibility] article.project-card',
    { hasText: "Cantine locale des écoles d'Échirolles" });
  assert.equal(await canteen().locator('select[name=stage]').inputValue(), 'experiment');
  const [refused] = await Promise.all([page.waitForNavigation(), canteen().locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  assert.ok(await page.locator('.gate-unmet').count() > 0, 'the unmet criteria are listed');
  assert.equal(await page.locator('.form-errors a[href="#f-criteria"]').count(), 0,
    'the criteria are not a raw field error');
  assert.ok(await page.locator('#f-reason[aria-invalid=true]').count() === 1, 'the reason field is marked');
  await audit.check(page, 'project page with a refused move');

  await page.goto(env.url(`${coop}/projects`));
  await canteen().locator('input[name=reason]').fill('Budget en cours de chiffrage avec la Ville');
  await submit(page, canteen().locator('button[type=submit]'));
  const moved = page.locator('section[data-stage=experiment] article.project-card',
    { hasText: "Cantine locale des écoles d'Échirolles" });
  assert.equal(await moved.count(), 1);
  await submit(page, moved.locator('h3 a'));
  const history = await page.locator('#history').innerText();
  assert.match(history, /Budget en cours de chiffrage avec la Ville/);
  await audit.check(page, 'project page');
});

test('the review and project pages pass axe', () => {
  audit.assertClean();
});
