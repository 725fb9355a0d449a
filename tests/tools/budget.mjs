// The first-load size budget: for each way the console is opened, every file that the browser loads before the
// first screen (HTML, JS, wasm, CSS), brotli-compressed at the highest quality, listed with its size, and the total
// checked against the budget. A built file that no entry point accounts for fails the check, so none is forgotten.
import { readFileSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const BUDGET_BYTES = 120 * 1024;
const dist = process.argv[2] ?? 'dist';
const firstLoad = new Set(['.html', '.js', '.wasm', '.css']);

const shared = [/^mdm-console-[0-9a-f]+\.js$/, /^mdm-console-[0-9a-f]+_bg\.wasm$/];
const element = [/^mdm-sync-settings\.js$/, /^mdm-sync-settings-[0-9a-f]+\.css$/];
const standalone = [/^index\.html$/, /^main-[0-9a-f]+\.css$/, ...shared];
const entries = {
  'standalone console (index.html)': standalone,
  'iframe mode (index.html?embed=1)': [...standalone, /^mdm-sync-frame\.js$/, ...element],
  'script embed (mdm-sync-settings.js)': [...element, ...shared],
};

// Recursive, so that wasm-bindgen's JS snippets would be found too (and fail the check until an entry names them).
const files = readdirSync(dist, { recursive: true }).filter((name) => firstLoad.has(extname(name))).sort();
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`budget: no .wasm in ${dist}; build the console first`);
  process.exit(1);
}
const sizes = new Map(files.map((name) => {
  const raw = readFileSync(join(dist, name));
  return [name, { raw: raw.length, brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length }];
}));
for (const [name, { raw, brotli }] of sizes) {
  console.log(`budget: ${name.padEnd(44)} ${String(raw).padStart(8)} B raw  ${kb(brotli).padStart(6)} KB brotli`);
}

let ok = true;
const counted = new Set();
for (const [entry, patterns] of Object.entries(entries)) {
  let total = 0;
  for (const pattern of patterns) {
    const matches = files.filter((name) => pattern.test(name));
    if (matches.length !== 1) {
      console.error(`budget: ${entry}: expected one file matching ${pattern}, found ${matches.length}`);
      ok = false;
    }
    for (const name of matches) {
      total += sizes.get(name).brotli;
      counted.add(name);
    }
  }
  const within = total <= BUDGET_BYTES;
  ok &&= within;
  console.log(`budget: ${entry}: first load ${kb(total)} KB brotli, ${within ? 'within' : 'OVER'} the ${BUDGET_BYTES / 1024} KB budget`);
}
for (const name of files.filter((name) => !counted.has(name))) {
  console.error(`budget: ${name} is in no entry point; say which first loads fetch it`);
  ok = false;
}
process.exit(ok ? 0 : 1);

function kb(bytes) {
  return (bytes / 1024).toFixed(1);
}
