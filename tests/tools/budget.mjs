// The first-load size budget: every file that the console's index.html loads (HTML, JS, wasm, CSS), brotli-compressed
// at the highest quality, listed with its size, and the total checked against the budget.
import { readFileSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const BUDGET_BYTES = 120 * 1024;
const dist = process.argv[2] ?? 'dist';
const firstLoad = new Set(['.html', '.js', '.wasm', '.css']);

// Recursive, so that wasm-bindgen's JS snippets count too.
const files = readdirSync(dist, { recursive: true }).filter((name) => firstLoad.has(extname(name)));
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`budget: no .wasm in ${dist}; build the console first`);
  process.exit(1);
}
let total = 0;
const rows = files.sort().map((name) => {
  const raw = readFileSync(join(dist, name));
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += brotli;
  return { file: name, raw, brotli };
});
for (const { file, raw, brotli } of rows) {
  console.log(`budget: ${file.padEnd(40)} ${String(raw.length).padStart(8)} B raw  ${(brotli / 1024).toFixed(1).padStart(6)} KB brotli`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`budget: total first load ${(total / 1024).toFixed(1)} KB brotli, ${verdict} the ${BUDGET_BYTES / 1024} KB budget`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
