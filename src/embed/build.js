// This build's own values: the one place where a build's file names, integrity hashes and catalogs enter the page's
// scripts. build/post-build.mjs bundles src/embed/ with a module of these exports in this file's place, generated
// from the build (a name here that the hook does not generate, or the other way round, stops the build); the values
// below only say what each is. The glue's static imports (`./mdm-console.js`) are the other build-time name: the
// hook points them at this build's hashed glue.

/** The console's wasm module (`mdm-console-<hash>_bg.wasm`), relative to the page or the element's script. */
export const WASM = './mdm-console_bg.wasm';
/** Its integrity hash (`sha384-…`), checked before it is instantiated (`compileVerified`, src/embed/start.js). */
export const WASM_INTEGRITY = '';
/** The console's JS glue (`mdm-console-<hash>.js`), which the standalone page imports. */
export const GLUE = './mdm-console.js';
/** Its integrity hash, carried by the page's module preload of it. */
export const GLUE_INTEGRITY = '';
/** The element's stylesheet (`mdm-sync-settings-<hash>.css`), relative to the element's script. */
export const STYLES = './mdm-sync-settings.css';
/** Its integrity hash. */
export const STYLES_INTEGRITY = '';
/**
 * Each language's catalog (src/i18n/*.json): `[file, integrity]` by language, English first (the language when
 * nothing else fits).
 */
export const CATALOGS = {};
/**
 * The second module (src/panels): `{glue, wasm}`, each `[file, integrity]`, and its catalogs (`catalogs`, as
 * `CATALOGS`).
 */
export const PANELS = {};
/**
 * The start catalog (src/i18n/start/*.json) of every language, English first: each language's entries by position,
 * in the order that src/i18n/start.rs declares (src/embed/fail.js reads them so).
 */
export const START_TEXT = {};
