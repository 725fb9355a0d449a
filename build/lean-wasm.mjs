// What the post-build hook (build/post-build.mjs) takes out of each wasm module and its glue before it
// renames the imports: code that nothing in the console can reach, but that wasm-bindgen keeps because it is
// exported, and the names that only the glue reads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * wasm-streams' classes (`IntoUnderlyingSource`, `IntoUnderlyingSink`, `IntoUnderlyingByteSource`): leptos' `csr`
 * feature turns on server_fn's `browser` feature, which brings wasm-streams for streaming server functions, and a
 * `#[wasm_bindgen]` class is exported whether anything uses it or not. The console has no server functions and no
 * JS calls these classes, yet their exports kept about 8 KB of code alive in each module (1 KB of brotli'd wasm).
 */
const STREAM_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/**
 * `bytes` and `glue` without wasm-streams' classes and the exports that the glue never calls, the module optimized
 * again by `wasmOpt` (binaryen, the same wasm-opt that Trunk ran) so that the code only they reached goes, then
 * without the glue's functions that only that code used, and with short export names (`shortExports`). The build
 * stops if the glue is not shaped as expected, rather than ship a glue that calls a missing export.
 */
export function leanModule(bytes, glue, wasmOpt, fail) {
  const exports = exportNames(bytes);
  const streamExports = exports.filter((name) => /^(?:__wbg_)?intounderlying/.test(name));
  for (const name of streamExports.length ? STREAM_CLASSES : []) {
    const parts = [
      // The class, as wasm-bindgen writes it: its closing brace is the first one at the start of a line.
      new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'),
      new RegExp(
        `^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`,
        'm'
      ),
      new RegExp(`^const ${name}Finalization = [\\s\\S]*?\\);\\n`, 'm'),
    ];
    for (const part of parts) {
      if (!part.test(glue)) fail(`the glue has no ${part}`);
      glue = glue.replace(part, '');
    }
  }
  for (const name of streamExports) {
    if (glue.includes(name)) fail(`the glue still calls ${name}`);
  }
  // The page starts each module through the glue's default export (src/embed/start.js, boot.js), never initSync.
  glue = glue.replace(/^export \{ initSync, __wbg_init as default \};$/m, 'export { __wbg_init as default };');
  // Only the glue reads the module's exports (`wasm.<name>`): one it never names (leptos' code-splitting marker,
  // wasm-bindgen's abort hooks, `main`, which `__wbindgen_start` calls inside the module) is dropped too.
  let dead = new Set([...streamExports, ...exports.filter((name) => !glue.includes(`wasm.${name}`))]);
  // Each round may leave an import unused (wasm-opt drops it from the module), whose glue function may have been
  // the only caller of a closure's entry point, whose code another round then drops.
  while (dead.size) {
    bytes = wasmOpt(rewriteWasm(bytes, { exports: Object.fromEntries([...dead].map((name) => [name, null])) }));
    ({ glue, dead } = withoutUnusedImports(glue, new Set(importNames(bytes))));
  }
  return shortExports(withoutCustomSections(bytes), moduleOnlyInit(quietDebugString(glue), fail), fail);
}

/**
 * wasm-bindgen's `debugString`, 2 KB of glue that describes any JS value for `<JsValue as Debug>`, reduced to the
 * value's type. The console's crates are built with `-Zfmt-debug=none` (.cargo/config.toml), so only the standard
 * library's precompiled panic paths (`Result::unwrap` on a JS error) still format a `JsValue` with `{:?}`, for a
 * panic message that the default hook writes to wasm32-unknown-unknown's stderr, which goes nowhere: no one can
 * ever read what it returns.
 */
function quietDebugString(glue) {
  return glue.replace(
    /^function debugString\(val\) \{\n[\s\S]*?^\}\n/m,
    'function debugString(val) {\n    return typeof val;\n}\n'
  );
}

/**
 * The glue's start for a compiled module only. Every caller hands the default export `{ module_or_path }` with a
 * `WebAssembly.Module` or a promise of one, compiled and checked against its integrity hash first (src/embed/boot.js,
 * start.js, frame.js, mdm-sync-settings.js): wasm-bindgen's paths for a URL, a `Response` (streaming, with its MIME
 * type warning), the default file name beside the glue and the deprecated bare argument are never taken. The build
 * stops if the glue is not shaped as expected.
 */
function moduleOnlyInit(glue, fail) {
  const parts = [
    [
      /^async function __wbg_load\(module, imports\) \{\n[\s\S]*?^\}\n/m,
      'async function __wbg_load(module, imports) {\n    return { instance: await WebAssembly.instantiate(module, imports), module };\n}\n',
    ],
    [
      /^async function __wbg_init_once\(module_or_path\) \{\n[\s\S]*?^\}\n/m,
      'async function __wbg_init_once({ module_or_path }) {\n    const { instance, module } = await __wbg_load(await module_or_path, __wbg_get_imports());\n    return __wbg_finalize_init(instance, module);\n}\n',
    ],
  ];
  for (const [part, replacement] of parts) {
    if (!part.test(glue)) fail(`the glue has no ${part}`);
    glue = glue.replace(part, replacement);
  }
  return glue;
}

/**
 * `glue` without the functions of its import object that the module no longer imports, and without the closure
 * entry points (`dead`, exports of the module) that only those called.
 */
function withoutUnusedImports(glue, imported) {
  const dead = new Set();
  // wasm-bindgen writes the import object's functions 8 spaces in, one after another, up to its closing `};`.
  for (const [, name] of glue.matchAll(/^ {8}(__wbg_[\w$]+): /gm)) {
    if (imported.has(name)) continue;
    glue = glue.replace(new RegExp(`^ {8}${name}: [\\s\\S]*?(?=^ {8}[\\w$]+: |^ {4}\\};)`, 'm'), '');
  }
  // A closure's entry point: a function of the glue's own, named after the export it calls and called by nothing
  // else once the import functions that called it are gone.
  for (const [whole, name] of glue.matchAll(
    /^function (wasm_bindgen_[0-9a-f]+___convert__closures_\w+)\([^)]*\) \{\n[\s\S]*?^\}\n/gm
  )) {
    if (glue.split(name).length !== 3) continue;
    glue = glue.replace(whole, '');
    dead.add(name);
  }
  return { glue, dead };
}

/**
 * The custom sections that only build tools read: rustc's `producers` and `target_features`, and leptos'
 * `__wasm_split_unstable` (for a code-splitting tool the console does not use). No browser reads them.
 */
function withoutCustomSections(bytes) {
  return rewriteWasm(bytes, { dropCustomSections: ['producers', 'target_features', '__wasm_split_unstable'] });
}

/**
 * wasm-bindgen names each closure's entry point after its Rust types, in the wasm's exports and again in the glue
 * (`wasm_bindgen_<hash>___convert__closures_____invoke___js_sys_<hash>___Function_fn_…`, up to 300 characters
 * with hashes that brotli cannot squeeze): they become `z` and a number in both. Only the glue calls them
 * (`wasm.<name>`), and each must appear there exactly once, or the build stops. Every other export but `memory` is
 * renamed so too, wherever the glue reads it.
 */
function shortExports(bytes, glue, fail) {
  const renamed = new Map();
  for (const name of exportNames(bytes).filter((n) => /^wasm_bindgen_[0-9a-f]+___convert__closures_/.test(n))) {
    const call = `wasm.${name}(`;
    if (glue.split(call).length !== 2) fail(`the glue calls the export ${name} other than once`);
    const short = `z${renamed.size}`;
    if (glue.includes(`wasm.${short}`)) fail(`the glue already uses an export named ${short}`);
    glue = glue.replace(call, `wasm.${short}(`);
    renamed.set(name, short);
  }
  // The other exports that only the glue reads (`wasm.<name>`, some of them a dozen times: the allocator's, the
  // start, the externref table's, the mount functions behind the glue's own exports of those names) get short names
  // too; `memory` is short already.
  for (const name of exportNames(bytes).filter((n) => !renamed.has(n) && n.length > 3)) {
    const uses = new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    if (!uses.test(glue)) fail(`the glue never reads the export ${name}`);
    const short = `z${renamed.size}`;
    if (glue.includes(`wasm.${short}`)) fail(`the glue already uses an export named ${short}`);
    glue = glue.replace(uses, `wasm.${short}`);
    renamed.set(name, short);
  }
  return { wasm: rewriteWasm(bytes, { exports: Object.fromEntries(renamed) }), glue };
}

/** Runs binaryen's wasm-opt at `path` with `args` on `bytes`. */
export function runWasmOpt(path, args) {
  return (bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'lean-wasm-'));
    try {
      writeFileSync(join(dir, 'in.wasm'), bytes);
      execFileSync(path, [...args, join(dir, 'in.wasm'), '-o', join(dir, 'out.wasm')], { stdio: 'inherit' });
      return readFileSync(join(dir, 'out.wasm'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The names of the functions `bytes` imports. */
function importNames(bytes) {
  return wasmNames(bytes)
    .imports.filter((entry) => entry.kind === 'func')
    .map((entry) => entry.name);
}

function exportNames(bytes) {
  return wasmNames(bytes).exports.map((entry) => entry.name);
}

/**
 * The workspace's `wasm-edit` (build/wasm-edit: wasmparser and wasm-encoder), built when needed; its path. Built
 * in cargo's dev profile: the release profile's LTO would make every fresh build wait longer than all its runs take.
 */
const wasmEdit = (() => {
  let path;
  return () => {
    if (path) return path;
    const repo = fileURLToPath(new URL('../', import.meta.url));
    const messages = execFileSync(
      'cargo',
      ['build', '--quiet', '--offline', '--package', 'wasm-edit', '--bin', 'wasm-edit', '--message-format', 'json'],
      { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 }
    );
    path = messages
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .find((message) => message.reason === 'compiler-artifact' && message.target?.name === 'wasm-edit')?.executable;
    if (!path) throw new Error('cargo built no wasm-edit executable');
    return path;
  };
})();

/** What the module `bytes` imports and exports: `{ imports: [{ module, name, kind }], exports: [{ name, kind }] }`. */
export function wasmNames(bytes) {
  return withTemporaryFile(bytes, (file) =>
    JSON.parse(execFileSync(wasmEdit(), ['names', file], { encoding: 'utf8' }))
  );
}

/**
 * `bytes` with `plan` applied (build/wasm-edit's `Plan`: `exports` maps a name to its new name or `null` to drop it,
 * `imports` lists `{ module, name, toModule, toName }`, `dropCustomSections` lists names); every other section as it
 * was, byte for byte. Throws (and so stops the build) if the plan names what the module lacks.
 */
export function rewriteWasm(bytes, plan) {
  return withTemporaryFile(bytes, (file) => {
    execFileSync(wasmEdit(), ['rewrite', file, file], {
      input: JSON.stringify(plan),
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    return readFileSync(file);
  });
}

function withTemporaryFile(bytes, use) {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-edit-'));
  try {
    const file = join(dir, 'module.wasm');
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
