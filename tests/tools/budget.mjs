// The first-load size budget: for each way the console is opened, in each language, every file that the browser
// loads before the first screen (HTML, JS, wasm, CSS, and the catalog of that one language), brotli-compressed at
// the highest quality, listed with its size, and the total checked against the budget. A built file that no entry
// point accounts for fails the check, so none is forgotten.
//
//   node tests/tools/budget.mjs DIST      the test command's gate
// The benchmark (tests/bench/run.mjs) imports `firstLoads` and holds the same totals to the tighter goal.
import { readFileSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const BUDGET_BYTES = 120 * 1024;
const firstLoad = new Set(['.html', '.js', '.wasm', '.css', '.json']);

const shared = [/^mdm-console-[0-9a-f]+\.js$/, /^mdm-console-[0-9a-f]+_bg\.wasm$/];
const element = [/^mdm-sync-settings\.js$/, /^mdm-sync-settings-[0-9a-f]+\.css$/];
const standalone = [/^index\.html$/, /^main-[0-9a-f]+\.css$/, ...shared];
const ways = {
  'standalone console (index.html)': standalone,
  'iframe mode (index.html?embed=1)': [...standalone, /^mdm-sync-frame\.js$/],
  'script embed (mdm-sync-settings.js)': [...element, ...shared],
};
const catalog = /^mdm-sync-i18n-([a-z]+)-[0-9a-f]+\.json$/;
// The second module and its catalogs load once the settings screen can be used (src/extras): listed with their
// total, and not part of any first load.
const later = [/^mdm-extras-[0-9a-f]+\.js$/, /^mdm-extras-[0-9a-f]+_bg\.wasm$/];
const laterCatalog = (language) => new RegExp(`^mdm-sync-extras-i18n-${language}-[0-9a-f]+\\.json$`);

/**
 * Every first-load file of `dist` with its raw and brotli size, each entry point's total, and what is wrong (a
 * pattern that matches no file or several, a file that no entry point loads).
 */
export function measure(dist) {
  // Recursive, so that wasm-bindgen's JS snippets would be found too (and fail the check until an entry names them).
  const files = readdirSync(dist, { recursive: true }).filter((name) => firstLoad.has(extname(name))).sort();
  const problems = [];
  if (!files.some((f) => f.endsWith('.wasm'))) problems.push(`no .wasm in ${dist}; build the console first`);
  const sizes = new Map(files.map((name) => {
    const raw = readFileSync(join(dist, name));
    return [name, { raw: raw.length, brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length }];
  }));
  const languages = files.map((name) => name.match(catalog)?.[1]).filter(Boolean);
  if (!languages.includes('en')) problems.push(`no English catalog in ${dist}`);
  const entries = Object.entries(ways).flatMap(([way, patterns]) => languages.map((language) =>
    [`${way}, ${language}`, [...patterns, new RegExp(`^mdm-sync-i18n-${language}-[0-9a-f]+\\.json$`)]]));
  const counted = new Set();
  const totals = entries.map(([entry, patterns]) => {
    let bytes = 0;
    for (const pattern of patterns) {
      const matches = files.filter((name) => pattern.test(name));
      if (matches.length !== 1) problems.push(`${entry}: expected one file matching ${pattern}, found ${matches.length}`);
      for (const name of matches) {
        bytes += sizes.get(name).brotli;
        counted.add(name);
      }
    }
    return { entry, bytes };
  });
  const afterwards = languages.map((language) => {
    let bytes = 0;
    for (const pattern of [...later, laterCatalog(language)]) {
      const matches = files.filter((name) => pattern.test(name));
      if (matches.length !== 1) problems.push(`after the first screen: expected one file matching ${pattern}, found ${matches.length}`);
      for (const name of matches) {
        bytes += sizes.get(name).brotli;
        counted.add(name);
      }
    }
    return { entry: `second module, after the first screen, ${language}`, bytes };
  });
  for (const name of files.filter((name) => !counted.has(name))) {
    problems.push(`${name} is in no entry point; say which first loads fetch it`);
  }
  return { sizes, totals, afterwards, problems };
}

export function firstLoads(dist) {
  const { totals, problems } = measure(dist);
  if (problems.length) throw new Error(`budget: ${problems.join('; ')}`);
  return totals;
}

function main(dist) {
  const { sizes, totals, afterwards, problems } = measure(dist);
  for (const [name, { raw, brotli }] of sizes) {
    console.log(`budget: ${name.padEnd(44)} ${String(raw).padStart(8)} B raw  ${kb(brotli).padStart(6)} KB brotli`);
  }
  let ok = problems.length === 0;
  for (const { entry, bytes } of totals) {
    const within = bytes <= BUDGET_BYTES;
    ok &&= within;
    console.log(`budget: ${entry}: first load ${kb(bytes)} KB brotli, ${within ? 'within' : 'OVER'} the ${BUDGET_BYTES / 1024} KB budget`);
  }
  for (const { entry, bytes } of afterwards) console.log(`budget: ${entry}: ${kb(bytes)} KB brotli (not a first load)`);
  for (const problem of problems) console.error(`budget: ${problem}`);
  process.exit(ok ? 0 : 1);
}

function kb(bytes) {
  return (bytes / 1024).toFixed(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv[2] ?? 'dist');
