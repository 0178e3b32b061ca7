// Writes N member rows as a French office CSV (UTF-8 BOM, ';', CRLF) for the benchmarks.
// Usage: node bench/generate-members.mjs N OUT.csv [REFERENCE_DIR]
// Communes and NAF codes are drawn from the real reference data so that every row is valid.
import fs from 'node:fs';

const [count, out, refDir = 'build/reference'] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!count || !out) {
  console.error('usage: generate-members.mjs N OUT.csv [REFERENCE_DIR]');
  process.exit(2);
}
const communes = fs.readFileSync(`${refDir}/communes.tsv`, 'utf8').split('\n').filter(Boolean)
  .map((l) => l.split('\t')).filter((c) => c[2] === '38' || c[2] === '69').map((c) => c[0]);
const naf = fs.readFileSync(`${refDir}/naf.tsv`, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
const forms = ['association', 'scic', 'scop', 'sarl', 'sas', 'local_authority', 'training', 'foundation'];
const insertion = ['', '', '', 'aci', 'ei', 'ai', 'etti', 'ea'];
const words = ['Économie', 'Solidaire', 'Atelier', 'Coopérative', 'Réemploi', 'Jardins', 'Mobilité', 'Énergie',
  'Numérique', 'Habitat', 'Culture', 'Alimentation', 'Insertion', 'Services', 'Territoire', 'Fabrique'];
// A deterministic generator so that runs are comparable.
let seed = 42;
// The low bits of this LCG repeat with a short period: use the high ones.
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return (seed >>> 8) % n; };
const lines = ['Nom;Forme juridique;ESS;Type IAE;Secteurs;Code INSEE;QPV;ETP;Salariés en insertion;Date d\'adhésion;Collège;Description'];
for (let i = 0; i < count; i++) {
  const name = `${words[rand(words.length)]} ${words[rand(words.length)]} ${i}`;
  const fte = `${rand(40)},${rand(10)}`;
  const day = String(1 + rand(28)).padStart(2, '0');
  const month = String(1 + rand(12)).padStart(2, '0');
  lines.push([name, forms[rand(forms.length)], rand(4) ? 'oui' : 'non', insertion[rand(insertion.length)],
    `${naf[rand(naf.length)]} ${naf[rand(naf.length)]}`, communes[rand(communes.length)], rand(5) ? 'non' : 'oui',
    fte, String(rand(20)), `${day}/${month}/20${10 + rand(15)}`, `Collège ${1 + rand(4)}`,
    `Structure ${i} : ${words[rand(words.length)].toLowerCase()}, ${words[rand(words.length)].toLowerCase()} et coopération sur le territoire.`].join(';'));
}
fs.writeFileSync(out, '\ufeff' + lines.join('\r\n') + '\r\n');
