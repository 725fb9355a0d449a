// Trunk post-build hook.
// Every build:
// 1. replace Trunk's loader: index.html's first script (src/embed/boot.js, bundled and inlined) compiles
//    the wasm while it downloads, checks it against this build's integrity hash before it runs, and starts the first
//    screen's API loads beside it; the loader left in the page only starts the compiled module;
// 2. write each language's catalog (src/i18n/*.json) as a content-hashed file, which start.js knows by name and
//    integrity hash (src/embed/build.js): a first load fetches only the admin's language;
// 3. name the second module (src/panels, which Trunk builds as a "worker") by its content's hash, and write its
//    catalogs, both loaded once the settings screen can be used;
// 4. write the embedding files (docs/embedding.md): `mdm-sync-settings.js` (the custom element),
//    `mdm-sync-frame.js` (the iframe mode) and the element's stylesheet. src/embed/'s scripts are ES modules that
//    import what they share; each of the page's two inline scripts (the guard and the first script) and each
//    embedding file is one of them bundled with its imports by esbuild (`bundle`), with this build's hashed file
//    names, integrity hashes and catalogs as the module src/embed/build.js;
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
//    integrity hashes right, the inlined scripts and the embedding files (terser's output, brotli'd, is smaller than
//    esbuild's minifier's);
// 9. write a brotli twin (`.br`) of every JS, wasm, CSS and catalog file, and of public/'s text files (the SVG icon,
//    the manifest), for servers that send them precompressed.
// public/ itself (icons, manifest, robots.txt) is copied by Trunk (index.html's copy-dir) and needs nothing else.
import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { leanModule, runWasmOpt, wasmNames, rewriteWasm } from './lean-wasm.mjs';
import { bundleStyles } from './styles.mjs';

const require = createRequire(new URL('./package.json', import.meta.url));
const { minify } = require('terser');
const esbuild = require('esbuild');
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
// so that it is cached for good like the first, and named in start.js with its integrity hashes (src/embed/build.js).
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

const embedCss = pxInsteadOfRem(
  compactCss(readFileSync(new URL('style/embed.css', repo), 'utf8')) + read(css).toString()
);
const embedCssName = `mdm-sync-settings-${createHash('sha256').update(embedCss).digest('hex').slice(0, 16)}.css`;
writeFileSync(join(staging, embedCssName), embedCss);

// The page's and the embedding files' scripts: src/embed/'s modules, each bundled with what it imports (esbuild),
// with this build's values in src/embed/build.js's place.
const built = {
  WASM: `./${wasm}`,
  WASM_INTEGRITY: wasmIntegrity,
  GLUE: `./${glue}`,
  GLUE_INTEGRITY: sri(glueCode),
  STYLES: `./${embedCssName}`,
  STYLES_INTEGRITY: sri(embedCss),
  CATALOGS: catalogs,
  PANELS: panels,
  START_TEXT: startText,
};
// The guard, a classic ES5 script of its own before the first script (src/embed/guard.js, with src/embed/fail.js):
// it says so when the browser is too old, and hands the first script the start-failure page, in every language of
// the start catalog.
const guardSlot = /<script data-mdm-guard(?:="")?><\/script>/;
if (!guardSlot.test(html)) fail('index.html has no <script data-mdm-guard></script>');
const guardScript = await bundle('guard.js', 'iife', 'es5');
const guard = release ? await minifyJs(guardScript, false, 5) : guardScript;
// The first script (src/embed/boot.js, with start.js's loaders), one classic script inlined in the page: no request
// of its own before the wasm's, the glue's and the catalog's.
const bootSlot = /<script data-mdm-boot(?:="")?><\/script>/;
if (!bootSlot.test(html)) fail('index.html has no <script data-mdm-boot></script>');
const bootScript = await bundle('boot.js', 'iife');
const inlined = release ? await minifyJs(bootScript, false) : bootScript;
// Functions as the replacements: `$` in the scripts must stay as it is.
html = html.replace(guardSlot, () => `<script>${guard}</script>`);
html = html.replace(bootSlot, () => `<script>${inlined}</script>`);
console.log(`post-build: index.html compiles ${wasm} as it streams, checked against its hash`);

const element = await bundle('mdm-sync-settings.js', 'esm');
writeFileSync(join(staging, 'mdm-sync-settings.js'), release ? await minifyJs(element) : element);
const frame = await bundle('frame.js', 'esm');
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

/**
 * src/embed/`entry` bundled with the modules it imports into one script (esbuild), as a classic script (`iife`) or
 * a module (`esm`), for the oldest browsers the console runs in (`START_OLDEST` in src/embed/fail.js), or for
 * `target` (the guard: ES5, which esbuild holds it to). Two things come from this build: src/embed/build.js is a
 * module of the `built` values (the same names as its exports; `var`s, which ES5 allows), and the glue's imports
 * (`./mdm-console.js`) name its hashed file.
 * Any warning stops the build, as an error does.
 */
async function bundle(entry, format, target = oldestBrowsers()) {
  const embed = new URL('src/embed/', repo);
  const declared = [...readFileSync(new URL('build.js', embed), 'utf8').matchAll(/^export const (\w+)\b/gm)].map(
    (m) => m[1]
  );
  const names = Object.keys(built);
  if (declared.sort().join() !== [...names].sort().join()) {
    fail(`src/embed/build.js declares ${declared.join(', ')}, and the build has ${names.join(', ')}`);
  }
  const values = {
    name: 'mdm-build-values',
    setup(build) {
      build.onResolve({ filter: /^\.\/build\.js$/ }, () => ({ path: 'build.js', namespace: 'mdm-build' }));
      build.onLoad({ filter: /.*/, namespace: 'mdm-build' }, () => ({
        contents: names.map((name) => `export var ${name} = ${JSON.stringify(built[name])};`).join('\n'),
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\/mdm-console\.js$/ }, () => ({ path: `./${glue}`, external: true }));
    },
  };
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [fileURLToPath(new URL(entry, embed))],
      bundle: true,
      write: false,
      format,
      target,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [values],
    });
  } catch (error) {
    fail(`bundling src/embed/${entry}: ${error.message}`);
  }
  if (result.warnings.length) {
    const messages = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    fail(`bundling src/embed/${entry}:\n${messages.join('')}`);
  }
  return result.outputFiles[0].text;
}

/** esbuild's names of the oldest browsers the console runs in, as src/embed/fail.js's `START_OLDEST` has them. */
function oldestBrowsers() {
  const source = readFileSync(new URL('src/embed/fail.js', repo), 'utf8');
  const oldest = /var START_OLDEST = \{([^}]*)\}/.exec(source)?.[1] ?? fail('src/embed/fail.js has no START_OLDEST');
  return [...oldest.matchAll(/(\w+): '(\d+)'/g)].map(([, browser, version]) => `${browser}${version}`);
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
