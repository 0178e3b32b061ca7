#!/usr/bin/env node
// Builds the French reference tables the C++ catalogue (src/reference) loads at start-up.
//
// Usage: node scripts/build-reference.mjs [OUT_DIR]     (default: build/reference)
//
// Inputs, read as JSON straight from node_modules (no extra dependency):
//   @etalab/decoupage-administratif/data/communes.json  communes; they carry no EPCI field
//   @etalab/decoupage-administratif/data/epci.json      EPCIs, each with its member communes
//   @socialgouv/codes-naf/index.json                    NAF rev. 2, every level (section..sub-class)
// Outputs (UTF-8, tab-separated, no header, one record a line, sorted by code):
//   communes.tsv  insee, name, department, region, epci siren|"", epci name|"",
//                 postal codes joined by ","|"", population|""
//                 only type "commune-actuelle" (no delegated/associated communes, no
//                 municipal arrondissements of Paris/Lyon/Marseille)
//   naf.tsv       code ("88.99B"), label — sub-classes only (NN.NNL)
//   VERSION       "name version" of each input package, one a line
// Each file is written to a temporary name then renamed, so a reader never sees half a file.
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'build', 'reference'));
// Resolve packages from the repository root whatever the current directory is.
const require = createRequire(path.join(root, 'package.json'));

function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`));
}
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
// Tabs and line breaks would break the TSV framing; none are expected in the sources.
function cell(value) {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ').trim();
}
function writeAtomically(file, text) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
function fail(message) {
  console.error(`build-reference: ${message}`);
  process.exit(1);
}

const geoDir = packageDir('@etalab/decoupage-administratif');
const nafDir = packageDir('@socialgouv/codes-naf');
const communes = readJson(path.join(geoDir, 'data', 'communes.json'));
const epcis = readJson(path.join(geoDir, 'data', 'epci.json'));
const naf = readJson(path.join(nafDir, 'index.json'));

// insee code -> EPCI, from the EPCI member lists.
const epciOf = new Map();
for (const epci of epcis) {
  for (const member of epci.membres ?? []) {
    if (!epciOf.has(member.code)) epciOf.set(member.code, epci);
  }
}

const communeLines = [];
const seen = new Set();
for (const c of communes) {
  if (c.type !== 'commune-actuelle' || seen.has(c.code)) continue;
  seen.add(c.code);
  const epci = epciOf.get(c.code);
  communeLines.push([
    c.code, c.nom, c.departement, c.region,
    epci?.code, epci?.nom,
    (c.codesPostaux ?? []).join(','),
    Number.isFinite(c.population) ? c.population : '',
  ].map(cell).join('\t'));
}
communeLines.sort();

const nafLines = naf
  .filter((n) => /^\d\d\.\d\d[A-Z]$/.test(n.id))
  .map((n) => [n.id, n.label].map(cell).join('\t'))
  .sort();

// Sanity floors: an upstream format change must fail the build, not ship empty tables.
if (communeLines.length < 30000) fail(`only ${communeLines.length} communes: has communes.json changed?`);
if (nafLines.length < 700) fail(`only ${nafLines.length} NAF sub-classes: has codes-naf changed?`);
if (epciOf.size < 30000) fail(`only ${epciOf.size} communes in an EPCI: has epci.json changed?`);

const versions = ['@etalab/decoupage-administratif', '@socialgouv/codes-naf']
  .map((name) => `${name} ${readJson(path.join(packageDir(name), 'package.json')).version}`);

mkdirSync(outDir, { recursive: true });
writeAtomically(path.join(outDir, 'communes.tsv'), communeLines.join('\n') + '\n');
writeAtomically(path.join(outDir, 'naf.tsv'), nafLines.join('\n') + '\n');
// VERSION last: its presence means the two tables beside it are complete.
writeAtomically(path.join(outDir, 'VERSION'), versions.join('\n') + '\n');
console.log(`build-reference: ${communeLines.length} communes, ${nafLines.length} NAF codes -> ${outDir}`);
