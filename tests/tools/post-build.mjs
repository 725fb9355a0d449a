// Trunk post-build hook.
// Release builds:
// 1. minify the wasm-bindgen JS glue (Trunk minifies HTML and CSS, not this file) and update its subresource-integrity
//    hashes in index.html, so that the browser still accepts it;
// 2. make the loader fetch the wasm with its integrity hash. Trunk only puts the hash on a preload link, and the
//    loader's own fetch, which carries none, would run a tampered module.
// Every build:
// 3. write the embedding files (docs/embedding.md): `mdm-sync-settings.js` (the custom element), `mdm-sync-frame.js`
//    (the iframe mode) and the element's stylesheet, with this build's hashed file names filled in;
// 4. give `<meta name="mdm-embed-origins">` the one spelling that servers fill in, whatever the HTML minifier wrote;
// 5. (release) write a brotli twin (`.br`) of every JS, wasm and CSS file, for servers that send them precompressed.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { minify } = require('terser');
const release = process.env.TRUNK_PROFILE === 'release';
const staging = process.env.TRUNK_STAGING_DIR;
const repo = new URL('../../', import.meta.url);
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const files = readdirSync(staging);
const glue = only(files.filter((f) => /^mdm-console-[0-9a-f]+\.js$/.test(f)), 'JS glue');
const wasm = only(files.filter((f) => f.endsWith('.wasm')), 'wasm module');
const css = only(files.filter((f) => /^main-[0-9a-f]+\.css$/.test(f)), 'stylesheet');

if (release) {
  const source = readFileSync(join(staging, glue), 'utf8');
  const code = await minifyJs(source);
  writeFileSync(join(staging, glue), code);
  if (!html.includes(sri(source))) fail(`no integrity attribute for ${glue} in index.html`);
  html = html.split(sri(source)).join(sri(code));
  console.log(`post-build: minified ${glue} ${source.length} -> ${code.length} bytes`);

  const loader = new RegExp(`module_or_path: '([^']*${escape(wasm)})'`);
  const match = html.match(loader);
  if (!match) fail(`the loader does not load ${wasm}`);
  html = html.replace(loader, `module_or_path: fetch('${match[1]}', { integrity: '${sri(read(wasm))}' })`);
  console.log(`post-build: ${wasm} is fetched with its integrity hash`);
}

const embedCss = pxInsteadOfRem(compactCss(readFileSync(new URL('style/embed.css', repo), 'utf8')) + read(css).toString());
const embedCssName = `mdm-sync-settings-${createHash('sha256').update(embedCss).digest('hex').slice(0, 16)}.css`;
writeFileSync(join(staging, embedCssName), embedCss);
const element = fill(readFileSync(new URL('src/embed/mdm-sync-settings.js', repo), 'utf8'), {
  "'./mdm-console.js'": `'./${glue}'`,
  "'./mdm-console_bg.wasm'": `'./${wasm}'`,
  "'./mdm-sync-settings.css'": `'./${embedCssName}'`,
  "const WASM_INTEGRITY = ''": `const WASM_INTEGRITY = '${sri(read(wasm))}'`,
  "const STYLES_INTEGRITY = ''": `const STYLES_INTEGRITY = '${sri(embedCss)}'`,
});
writeFileSync(join(staging, 'mdm-sync-settings.js'), release ? await minifyJs(element) : element);
const frame = readFileSync(new URL('src/embed/frame.js', repo), 'utf8');
writeFileSync(join(staging, 'mdm-sync-frame.js'), release ? await minifyJs(frame) : frame);
console.log(`post-build: wrote mdm-sync-settings.js, mdm-sync-frame.js and ${embedCssName}`);

const origins = /<meta\b[^>]*\bmdm-embed-origins\b[^>]*>/;
if (!origins.test(html)) fail('index.html has no <meta name="mdm-embed-origins">');
html = html.replace(origins, '<meta name="mdm-embed-origins" content="">');
writeFileSync(htmlPath, html);

// index.html is left out: servers fill its embed-origins meta in, so they compress it themselves, if at all.
if (release) {
  for (const name of readdirSync(staging).filter((f) => /\.(js|wasm|css)$/.test(f))) {
    const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
    writeFileSync(join(staging, `${name}.br`), brotliCompressSync(read(name), quality));
  }
  console.log('post-build: wrote the .br twins');
}

function read(name) {
  return readFileSync(join(staging, name));
}

function only(names, what) {
  if (names.length !== 1) fail(`expected one ${what} in the build, found ${names.length}`);
  return names[0];
}

async function minifyJs(source) {
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return code;
}

/** Replaces each placeholder, which must be there: a renamed one would otherwise ship a broken element. */
function fill(source, replacements) {
  for (const [placeholder, value] of Object.entries(replacements)) {
    if (!source.includes(placeholder)) fail(`src/embed/mdm-sync-settings.js no longer contains ${placeholder}`);
    source = source.split(placeholder).join(value);
  }
  return source;
}

/** Comments and the whitespace around punctuation go; nothing in embed.css needs them. */
function compactCss(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*([{}:;,])\s*/g, '$1').replace(/\s+/g, ' ').trim();
}

/** Inside a portal, `rem` is the portal's root font size; the element keeps the sizes it has standalone. */
function pxInsteadOfRem(source) {
  return source.replace(/(\d*\.?\d+)rem\b/g, (_, number) => `${+(Number(number) * 16).toFixed(3)}px`);
}

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
