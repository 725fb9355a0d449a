// Trunk post-build hook: minifies the wasm-bindgen JS glue of release builds (Trunk minifies HTML and CSS, not this
// file), then updates its subresource-integrity hashes in index.html so that the browser still accepts it.
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
  const newHash = sri(code);
  if (!html.includes(oldHash)) throw new Error(`minify-js: no integrity attribute for ${name} in index.html`);
  html = html.split(oldHash).join(newHash);
  console.log(`minify-js: ${name} ${source.length} -> ${code.length} bytes`);
}
writeFileSync(htmlPath, html);

function sri(text) {
  return `sha384-${createHash('sha384').update(text).digest('base64')}`;
}
