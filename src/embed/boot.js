// The standalone page's first script (index.html; tests/tools/post-build.mjs inlines it there, after start.js, with
// this build's wasm name and hash filled in). Before the stylesheet, so that nothing holds it up:
// - it starts compiling the wasm, which index.html's loader then starts (`window.__mdmSyncBoot.module`);
// - in the iframe mode (`?embed=1`) it puts in the settings screen alone (src/embed/frame.js);
// - otherwise it marks the page for the whole console (src/lib.rs), and starts the API loads of the screen at the
//   address, which the console takes when it runs (`window.__mdmSyncBoot.preloaded`).
const WASM = './mdm-console_bg.wasm';
const WASM_INTEGRITY = '';

const boot = (window.__mdmSyncBoot = { module: compileVerified(new URL(WASM, document.baseURI).href, WASM_INTEGRITY) });
// A failure is reported where the module is awaited.
boot.module.catch(() => {});
if (new URLSearchParams(location.search).get('embed') === '1') {
  import('./mdm-sync-frame.js');
} else {
  document.documentElement.setAttribute('data-mdm-standalone', '');
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  const below = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
  const route = below.length > 1 ? below.replace(/\/$/, '') : '/';
  const apiBase = document.querySelector('meta[name=mdm-api-base]')?.content || '/api';
  boot.preloaded = preload(apiBase, FIRST_LOADS[route], {});
}
