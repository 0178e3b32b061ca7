// Importing members from a CSV saved by a French office suite (BOM, semicolons, CRLF): all or nothing,
// a report that points at the faulty line and column, and re-imports that update instead of duplicating.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServerAndBrowser, signIn, COORDINATOR, HUB } from './support.mjs';

const env = useServerAndBrowser();
const membersPath = `/hubs/${HUB}/members`;
const importPath = `${membersPath}/import`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coopole-import-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NAMES = ['Régie de Quartier Teisseire', 'Jardin Partagé de l’Abbaye', 'Café Associatif « Le Vercors »'];

/** A SIRET with a valid Luhn check digit, built from a 13-digit prefix. */
function siretFrom(prefix13) {
  for (let d = 0; d <= 9; d++) {
    const digits = prefix13 + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let n = Number(digits[13 - i]);
      if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
      sum += n;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}

/** Writes the CSV as a French spreadsheet would: UTF-8 BOM, ';' separators, CRLF line ends. */
function writeCsv(file, secondRowInsee) {
  const rows = [
    ['Nom', 'SIRET', 'Forme juridique', 'Code INSEE', 'Secteurs', 'ETP'],
    [NAMES[0], siretFrom('9876543210001'), 'Association', '38185', '81.21Z', '4,5'],
    [NAMES[1], '', 'association', secondRowInsee, '01.13Z', ''],
    [NAMES[2], '', 'SCIC', '38563', '56.30Z', '2'],
  ];
  const text = '\ufeff' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

/** Uploads the file through the import page (really importing, not a dry run); returns the HTTP status. */
async function upload(page, file) {
  await page.goto(env.url(importPath));
  await page.locator('#f-file').setInputFiles(file);
  await page.locator('#f-dry_run').setChecked(false);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form.import-form button[type=submit]'),
  ]);
  return response.status();
}

/** The figures of the report: { rows, created, updated }. */
async function figures(page) {
  const dts = await page.locator('.import-report dl.facts dt').allTextContents();
  const dds = await page.locator('.import-report dl.facts dd').allTextContents();
  const byLabel = Object.fromEntries(dts.map((t, i) => [t.trim(), Number(dds[i].trim())]));
  return { rows: byLabel['Lignes lues'], created: byLabel['Créations'], updated: byLabel['Mises à jour'] };
}

/** How many directory rows carry each name (whole directory, one page). */
async function directoryCounts(page) {
  await page.goto(env.url(`${membersPath}?per_page=200&include_archived=1`));
  const names = (await page.locator('#members-results tbody td:first-child a').allTextContents()).map((t) => t.trim());
  return NAMES.map((n) => names.filter((x) => x === n).length);
}

test('an import with one unknown INSEE code writes nothing and names the line and the column', async () => {
  const { page } = env;
  await signIn(page, env.baseURL, COORDINATOR);
  const status = await upload(page, writeCsv(path.join(tmp, 'membres.csv'), '99999'));
  assert.equal(status, 422);

  const report = page.locator('.import-report');
  assert.match(await report.locator('[role=alert]').innerText(), /Aucune ligne n’a été importée/);
  assert.equal(await page.locator('.import-report [role=status]').count(), 0, 'no success message');
  const issues = await page.locator('table.import-issues tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
  assert.equal(issues.length, 1, `one issue: ${JSON.stringify(issues)}`);
  const [line, column, value, message] = issues[0];
  assert.equal(line, '3', 'the faulty row is on line 3 of the file (after the header)');
  assert.equal(column, 'Code INSEE', 'the column is named as in the file');
  assert.equal(value, '99999');
  assert.match(message, /INSEE/);

  assert.deepEqual(await directoryCounts(page), [0, 0, 0], 'the valid rows were not imported either');
});

test('the corrected file is imported, and importing it again updates instead of duplicating', async () => {
  const { page } = env;
  const file = writeCsv(path.join(tmp, 'membres-corrige.csv'), '38151');

  assert.equal(await upload(page, file), 200);
  assert.match(await page.locator('.import-report [role=status]').innerText(), /enregistrées dans l’annuaire/);
  assert.equal(await page.locator('table.import-issues').count(), 0);
  assert.deepEqual(await figures(page), { rows: 3, created: 3, updated: 0 });
  assert.deepEqual(await directoryCounts(page), [1, 1, 1], 'the three rows are in the directory');

  // The accents and the BOM survived: the record of the first row reads as typed.
  await page.locator('#members-results a', { hasText: NAMES[0] }).click();
  await page.waitForURL(/\/members\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), NAMES[0]);
  assert.match(await page.locator('section[aria-labelledby="h-territory"]').innerText(), /Grenoble \(38185\)/);

  assert.equal(await upload(page, file), 200);
  assert.deepEqual(await figures(page), { rows: 3, created: 0, updated: 3 }, 'the same file updates the records');
  assert.deepEqual(await directoryCounts(page), [1, 1, 1], 'no duplicates in the directory');
});
