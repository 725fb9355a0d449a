// Trunk post-build hook for release builds:
// 1. minifies the wasm-bindgen JS glue (Trunk minifies HTML and CSS, not this file) and updates its
//    subresource-integrity hashes in index.html, so that the browser still accepts it;
// 2. makes the loader fetch the wasm with its integrity hash. Trunk only puts the hash on a preload link, and the
//    loader's own fetch, which carries none, would run a tampered module.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { minify } = require('terser');
const staging = process.env.TRUNK_STAGING_DIR;
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

for (const name of readdirSync(staging).filter((f) => f.endsWith('.js'))) {
  const path = join(staging, name);
  const source = readFileSync(path, 'utf8');
  const oldHash = sri(source);
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  writeFileSync(path, code);
  if (!html.includes(oldHash)) fail(`no integrity attribute for ${name} in index.html`);
  html = html.split(oldHash).join(sri(code));
  console.log(`post-build: minified ${name} ${source.length} -> ${code.length} bytes`);
}

for (const name of readdirSync(staging).filter((f) => f.endsWith('.wasm'))) {
  const loader = new RegExp(`module_or_path: '([^']*${escape(name)})'`);
  const match = html.match(loader);
  if (!match) fail(`the loader does not load ${name}`);
  const integrity = sri(readFileSync(join(staging, name)));
  html = html.replace(loader, `module_or_path: fetch('${match[1]}', { integrity: '${integrity}' })`);
  console.log(`post-build: ${name} is fetched with its integrity hash`);
}
writeFileSync(htmlPath, html);

function sri(content) {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}
