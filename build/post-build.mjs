// Trunk post-build hook.
// Every build:
// 1. replace Trunk's loader: index.html's first script (src/embed/start.js and src/embed/boot.js, inlined) compiles
//    the wasm while it downloads, checks it against this build's integrity hash before it runs, and starts the first
//    screen's API loads beside it; the loader left in the page only starts the compiled module;
// 2. write each language's catalog (src/i18n/*.json) as a content-hashed file, which start.js knows by name and
//    integrity hash: a first load fetches only the admin's language;
// 3. name the second module (src/panels, which Trunk builds as a "worker") by its content's hash, and write its
//    catalogs, both loaded once the settings screen can be used;
// 4. write the embedding files (docs/embedding.md): `mdm-sync-settings.js` (the custom element, with start.js in
//    front), `mdm-sync-frame.js` (the iframe mode) and the element's stylesheet, with this build's hashed file names
//    and hashes filled in;
// 5. give `<meta name="mdm-embed-origins">` the one spelling that servers fill in, whatever the HTML minifier wrote.
// 6. give the wasm's imports short names, in the module and its glue alike (`shortImports`), and in release builds
//    first take out the exports that nothing calls and the code only they reach (build/lean-wasm.mjs); the module's
//    names are read and rewritten by build/wasm-edit (wasmparser and wasm-encoder), which cargo builds when needed;
// 7. bundle the stylesheet: style/main.css only imports the tokens, the base and each component's stylesheet, which
//    Trunk does not follow; build/styles.mjs inlines them with lightningcss into the one file that index.html links
//    (named by its content's hash, its link and integrity hash following), and stops the build if a stylesheet under
//    style/ is left out;
// Release builds also:
// 8. minify everything (Trunk minifies nothing: Trunk.toml says why): the page (html-minifier-terser) and its
//    stylesheet (lightningcss, as it bundles it), and the JS with terser: the wasm-bindgen glues, keeping their
//    integrity hashes right, the inlined scripts and the embedding files;
// 9. write a brotli twin (`.br`) of every JS, wasm, CSS and catalog file, and of public/'s text files (the SVG icon,
//    the manifest), for servers that send them precompressed.
// public/ itself (icons, manifest, robots.txt) is copied by Trunk (index.html's copy-dir) and needs nothing else.
import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { leanModule, runWasmOpt, wasmNames, rewriteWasm } from './lean-wasm.mjs';
import { bundleStyles } from './styles.mjs';

const require = createRequire(new URL('./package.json', import.meta.url));
const { minify } = require('terser');
const { minify: minifyHtml } = require('html-minifier-terser');
const release = process.env.TRUNK_PROFILE === 'release';
const staging = process.env.TRUNK_STAGING_DIR;
const repo = new URL('../', import.meta.url);
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
// Release builds minify the page and its stylesheet here (html-minifier-terser; lightningcss, which Trunk itself
// uses for CSS), and not in Trunk (Trunk.toml: `minify = "never"`): Trunk can minify only all of its outputs or none,
// and its JS minifier cannot parse the glue's `export default`, which it said on every build. The page's scripts and
// the glue are minified below, with terser.
if (release) {
  html = await minifyHtml(html, {
    collapseWhitespace: true,
    removeComments: true,
    removeAttributeQuotes: true,
    removeRedundantAttributes: true,
    collapseBooleanAttributes: true,
    sortAttributes: true,
    sortClassName: false,
  });
}
const files = readdirSync(staging);
const glue = only(
  files.filter((f) => /^mdm-console-[0-9a-f]+\.js$/.test(f)),
  'JS glue'
);
const wasm = only(
  files.filter((f) => /^mdm-console-[0-9a-f]+_bg\.wasm$/.test(f)),
  'wasm module'
);
const css = await bundledStylesheet();

const glueCode = await (async () => {
  const source = readFileSync(join(staging, glue), 'utf8');
  const lean = leaner(read(wasm), source);
  const short = shortImports(lean.wasm, lean.glue, './mdm-console_bg.js');
  writeFileSync(join(staging, wasm), short.wasm);
  const code = release ? await minifyJs(short.glue) : short.glue;
  writeFileSync(join(staging, glue), code);
  console.log(`post-build: ${glue} ${source.length} -> ${code.length} bytes, ${short.count} imports renamed`);
  return code;
})();

// The language catalogs: one file each, content-hashed and checked by integrity like every other first load. The
// browser's file is an array of the entries in en.json's order, which is the declared order of src/i18n (its native
// tests hold every catalog to it): the wasm reads entries by position and holds no key names. The console's
// catalogs are first loads; the second module's (src/i18n/panels) load with it. English first: start.js falls
// back to the first.
function writeCatalogs(dir, prefix) {
  const languages = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  const readCatalog = (language) => JSON.parse(readFileSync(new URL(`${language}.json`, dir), 'utf8'));
  const order = Object.keys(readCatalog('en'));
  const written = {};
  for (const language of languages) {
    const entries = readCatalog(language);
    const missing = order.filter((key) => !Object.hasOwn(entries, key));
    if (missing.length) fail(`${dir.pathname}${language}.json lacks ${missing.join(', ')}`);
    const json = JSON.stringify(order.map((key) => entries[key]));
    const name = `${prefix}-${language}-${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`;
    writeFileSync(join(staging, name), json);
    written[language] = [`./${name}`, sri(json)];
  }
  return written;
}
const catalogs = writeCatalogs(new URL('src/i18n/', repo), 'mdm-sync-i18n');
const languages = Object.keys(catalogs);
const panelsCatalogs = writeCatalogs(new URL('src/i18n/panels/', repo), 'mdm-sync-panels-i18n');

// The second module (src/panels), which Trunk builds as a "worker" under its binary's name: content-hashed here,
// so that it is cached for good like the first, and named in start.js with its integrity hashes.
const panelsLean = leaner(read('mdm-panels_bg.wasm'), read('mdm-panels.js').toString());
const panelsShort = shortImports(panelsLean.wasm, panelsLean.glue, './mdm-panels_bg.js');
const panelsGlue = release ? await minifyJs(panelsShort.glue) : panelsShort.glue;
const panelsWasm = panelsShort.wasm;
const hashed = (content, stem, suffix) =>
  `${stem}-${createHash('sha256').update(content).digest('hex').slice(0, 16)}${suffix}`;
const panelsGlueName = hashed(panelsGlue, 'mdm-panels', '.js');
const panelsWasmName = hashed(panelsWasm, 'mdm-panels', '_bg.wasm');
writeFileSync(join(staging, panelsGlueName), panelsGlue);
writeFileSync(join(staging, panelsWasmName), panelsWasm);
rmSync(join(staging, 'mdm-panels.js'));
rmSync(join(staging, 'mdm-panels_bg.wasm'));
const panels = {
  glue: [`./${panelsGlueName}`, sri(panelsGlue)],
  wasm: [`./${panelsWasmName}`, sri(panelsWasm)],
  catalogs: panelsCatalogs,
};
console.log(`post-build: wrote the second module, ${panelsGlueName} and ${panelsWasmName}`);
console.log(`post-build: wrote the catalogs of ${languages.join(', ')}`);
// The start catalog (src/i18n/start): the few words for a console that cannot start, every language's, carried by
// the start-failure page itself (src/embed/fail.js), since the console's own catalog may be what failed.
// Each language's entries in en.json's order, the declared one, by which fail.js reads them (as arrays: no key
// names, like the console's catalogs).
const startCatalogDir = new URL('src/i18n/start/', repo);
const readStartCatalog = (language) => JSON.parse(readFileSync(new URL(`${language}.json`, startCatalogDir), 'utf8'));
const startOrder = Object.keys(readStartCatalog('en'));
const startText = Object.fromEntries(
  readdirSync(startCatalogDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)))
    .map((language) => [
      language,
      startOrder.map((key) => readStartCatalog(language)[key] ?? fail(`src/i18n/start/${language}.json lacks ${key}`)),
    ])
);
const failJs = fill(readFileSync(new URL('src/embed/fail.js', repo), 'utf8'), 'src/embed/fail.js', {
  'var START_TEXT = {};': `var START_TEXT = ${JSON.stringify(startText)};`,
});
const start = fill(readFileSync(new URL('src/embed/start.js', repo), 'utf8'), 'src/embed/start.js', {
  'const CATALOGS = {};': `const CATALOGS = ${JSON.stringify(catalogs)};`,
  'const PANELS = {};': `const PANELS = ${JSON.stringify(panels)};`,
});
const wasmIntegrity = sri(read(wasm));
// Trunk's loader goes: the first script imports the glue itself (src/embed/boot.js), so that a glue that cannot be
// loaded (missing, refused by its integrity hash) is a failure it can show, not a blank page.
const trunkLoader = /<script type="?module"?>\s*import init, \* as bindings from '([^']+)';[\s\S]*?<\/script>/;
if (!trunkLoader.test(html)) fail("Trunk's loader script is not in index.html");
html = html.replace(trunkLoader, '');
// Trunk's preload of the wasm and module preload of the glue go: the first script, ahead of them in the head,
// has already requested both (the glue with its integrity hash), and a preload after that is a second download
// that nothing uses.
const trunkPreloads = html.match(/<link\b[^>]*\brel="?(?:module)?preload"?[^>]*>/g) ?? [];
if (
  trunkPreloads.length !== 2 ||
  !trunkPreloads.some((l) => l.includes(wasm)) ||
  !trunkPreloads.some((l) => l.includes(glue))
) {
  fail(`expected Trunk's preloads of ${wasm} and ${glue} in index.html, found ${trunkPreloads.length}`);
}
for (const link of trunkPreloads) html = html.replace(link, '');
const bootSlot = /<script data-mdm-boot(?:="")?><\/script>/;
if (!bootSlot.test(html)) fail('index.html has no <script data-mdm-boot></script>');
const boot = fill(start + readFileSync(new URL('src/embed/boot.js', repo), 'utf8'), 'src/embed/boot.js', {
  "const WASM = './mdm-console_bg.wasm'": `const WASM = './${wasm}'`,
  "const WASM_INTEGRITY = ''": `const WASM_INTEGRITY = '${wasmIntegrity}'`,
  "const GLUE = './mdm-console.js'": `const GLUE = './${glue}'`,
  "const GLUE_INTEGRITY = ''": `const GLUE_INTEGRITY = '${sri(glueCode)}'`,
});
const bootScript = `(() => {\n${boot}\n})();`;
const inlined = release ? await minifyJs(bootScript, false) : bootScript;
// A function as the replacement: `$` in the script must stay as it is.
html = html.replace(bootSlot, () => `<script>${inlined}</script>`);
// The guard, a classic ES5 script of its own before the first script: it says so when the browser is too old, and
// hands the first script the start-failure page (src/embed/fail.js), in every language of the start catalog.
const guardSlot = /<script data-mdm-guard(?:="")?><\/script>/;
if (!guardSlot.test(html)) fail('index.html has no <script data-mdm-guard></script>');
const guardScript = `(function () {\n${failJs}\n${readFileSync(new URL('src/embed/guard.js', repo), 'utf8')}\n})();`;
const guard = release ? await minifyJs(guardScript, false, 5) : guardScript;
html = html.replace(guardSlot, () => `<script>${guard}</script>`);
console.log(`post-build: index.html compiles ${wasm} as it streams, checked against its hash`);

const embedCss = pxInsteadOfRem(
  compactCss(readFileSync(new URL('style/embed.css', repo), 'utf8')) + read(css).toString()
);
const embedCssName = `mdm-sync-settings-${createHash('sha256').update(embedCss).digest('hex').slice(0, 16)}.css`;
writeFileSync(join(staging, embedCssName), embedCss);
const elementSource = readFileSync(new URL('src/embed/mdm-sync-settings.js', repo), 'utf8');
// start.js goes after the element's imports, which a module must have first.
const imports = elementSource.match(/^(?:import[^;]+;\n)+/m);
if (!imports) fail('src/embed/mdm-sync-settings.js no longer imports the glue');
const elementWithStart = elementSource.replace(imports[0], () => `${imports[0]}${failJs}${start}`);
const element = fill(elementWithStart, 'src/embed/mdm-sync-settings.js', {
  "'./mdm-console.js'": `'./${glue}'`,
  "'./mdm-console_bg.wasm'": `'./${wasm}'`,
  "'./mdm-sync-settings.css'": `'./${embedCssName}'`,
  "const WASM_INTEGRITY = ''": `const WASM_INTEGRITY = '${wasmIntegrity}'`,
  "const STYLES_INTEGRITY = ''": `const STYLES_INTEGRITY = '${sri(embedCss)}'`,
});
writeFileSync(join(staging, 'mdm-sync-settings.js'), release ? await minifyJs(element) : element);
const frame = fill(readFileSync(new URL('src/embed/frame.js', repo), 'utf8'), 'src/embed/frame.js', {
  "'./mdm-console.js'": `'./${glue}'`,
});
writeFileSync(join(staging, 'mdm-sync-frame.js'), release ? await minifyJs(frame) : frame);
console.log(`post-build: wrote mdm-sync-settings.js, mdm-sync-frame.js and ${embedCssName}`);

const origins = /<meta\b[^>]*\bmdm-embed-origins\b[^>]*>/;
if (!origins.test(html)) fail('index.html has no <meta name="mdm-embed-origins">');
html = html.replace(origins, '<meta name="mdm-embed-origins" content="">');
writeFileSync(htmlPath, html);

// index.html is left out: servers fill its embed-origins meta in, so they compress it themselves, if at all.
if (release) {
  // The favicon is part of a first load, which the budget measures compressed; PNG and ICO are compressed already.
  for (const name of readdirSync(staging).filter((f) => /\.(js|wasm|css|json|svg|webmanifest)$/.test(f))) {
    const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
    writeFileSync(join(staging, `${name}.br`), brotliCompressSync(read(name), quality));
  }
  console.log('post-build: wrote the .br twins');
}

/**
 * A release module and its glue without what nothing can reach and with short closure export names
 * (build/lean-wasm.mjs), optimized again by the wasm-opt that Trunk ran; a dev build's, as they are.
 */
function leaner(bytes, glue) {
  if (!release) return { wasm: bytes, glue };
  const wasmOpt = runWasmOpt(new URL('./node_modules/.bin/wasm-opt', import.meta.url).pathname, ['-Oz']);
  return leanModule(bytes, glue, wasmOpt, fail);
}

function read(name) {
  return readFileSync(join(staging, name));
}

function only(names, what) {
  if (names.length !== 1) fail(`expected one ${what} in the build, found ${names.length}`);
  return names[0];
}

async function minifyJs(source, module = true, ecma = 2020) {
  const { code } = await minify(source, {
    module,
    ecma,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return code;
}

/**
 * wasm-bindgen names each import after its JS module and a hash ('./mdm-console_bg.js', `__wbg_new_cd4348290afae586`):
 * some 180 names of 50 characters, in the wasm and again in the glue, whose hex hashes brotli cannot squeeze (about
 * 2 KB of every first load). They become `w` and one or two letters, in the import section and in the glue's import
 * object alike. Each name must appear in the glue exactly once, as that object's key, or the build stops.
 */
function shortImports(bytes, glue, moduleName) {
  const quoted = JSON.stringify(moduleName);
  if (glue.split(quoted).length !== 2) fail(`the glue names ${moduleName} other than once`);
  glue = glue.replace(quoted, '"w"');
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const shortName = (n) =>
    n < letters.length ? letters[n] : shortName(Math.floor(n / letters.length) - 1) + letters[n % letters.length];
  const imports = wasmNames(bytes)
    .imports.filter((entry) => entry.module === moduleName)
    .map(({ name }, count) => {
      const key = new RegExp(`\\b${name}\\b`, 'g');
      if ((glue.match(key) ?? []).length !== 1) fail(`the glue names the import ${name} other than once`);
      const short = shortName(count);
      glue = glue.replace(key, short);
      return { module: moduleName, name, toModule: 'w', toName: short };
    });
  return { wasm: rewriteWasm(bytes, { imports }), glue, count: imports.length };
}

/** Replaces each placeholder, which must be there: a renamed one would otherwise ship a broken script. */
function fill(source, file, replacements) {
  for (const [placeholder, value] of Object.entries(replacements)) {
    if (!source.includes(placeholder)) fail(`${file} no longer contains ${placeholder}`);
    source = source.split(placeholder).join(value);
  }
  return source;
}

/** Comments and the whitespace around punctuation go; nothing in embed.css needs them. */
function compactCss(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*([{}:;,])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Inside a portal, `rem` is the portal's root font size; the element keeps the sizes it has standalone. */
function pxInsteadOfRem(source) {
  return source.replace(/(\d*\.?\d+)rem\b/g, (_, number) => `${+(Number(number) * 16).toFixed(3)}px`);
}

/**
 * The stylesheet bundled from style/ (build/styles.mjs), in place of Trunk's copy of style/main.css, which holds only
 * its `@import`s: minified in release builds, under a name of its content's hash, with index.html's link and integrity
 * hash following it.
 */
async function bundledStylesheet() {
  const source = only(
    readdirSync(staging).filter((f) => /^main-[0-9a-f]+\.css$/.test(f)),
    'stylesheet'
  );
  const trunkCopy = read(source);
  let bundled;
  try {
    bundled = (await bundleStyles(repo, { minify: release })).code;
  } catch (error) {
    fail(error.message);
  }
  const name = `main-${createHash('sha256').update(bundled).digest('hex').slice(0, 16)}.css`;
  const link = /<link\b[^>]*\brel="?stylesheet"?[^>]*>/.exec(html)?.[0];
  if (!link || !link.includes(source) || !link.includes(sri(trunkCopy))) {
    fail(`index.html does not link ${source} with its integrity hash`);
  }
  html = html.replace(link, () => link.replace(source, name).replace(sri(trunkCopy), sri(bundled)));
  rmSync(join(staging, source));
  writeFileSync(join(staging, name), bundled);
  return name;
}

function sri(content) {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}
