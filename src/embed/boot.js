// The standalone page's first script (index.html; tests/tools/post-build.mjs inlines it there, after start.js, with
// this build's wasm name and hash filled in). Before the stylesheet, so that nothing holds it up, it:
// - starts compiling the wasm, which index.html's loader then starts (`window.__mdmSyncBoot.module`);
// - chooses the admin's language (the language menu's last choice, else the browser's languages; in the iframe
//   mode the portal's `?locale=`, else the browser's), says so in `<html lang>`, and fetches its catalog;
// - starts the API loads of the screen at the address (in the iframe mode, `?embed=1`, always the settings screen),
//   which the console takes when it runs;
// - in the iframe mode puts in the settings screen alone (src/embed/frame.js), else lets index.html's loader mount
//   the whole console (`boot.standalone`).
const WASM = './mdm-console_bg.wasm';
const WASM_INTEGRITY = '';

const params = new URLSearchParams(location.search);
const iframe = params.get('embed') === '1';
const remembered = () => {
  try {
    return localStorage.getItem(REMEMBERED_LOCALE);
  } catch {
    // Storage refused (a privacy setting): the browser's languages decide.
    return null;
  }
};
const locale = chooseLocale([iframe ? params.get('locale') : remembered(), ...navigator.languages]);
document.documentElement.lang = locale;
const boot = (window.__mdmSyncBoot = {
  module: compileVerified(new URL(WASM, document.baseURI).href, WASM_INTEGRITY),
  locale,
  catalog: loadCatalog(locale, document.baseURI),
  loadCatalog: (other) => loadCatalog(other, document.baseURI),
  loadExtras: (other) =>
    loadExtras(document.baseURI, other, other === locale ? boot.catalog : loadCatalog(other, document.baseURI)),
});
// A failure is reported where each is awaited.
boot.module.catch(() => {});
boot.catalog.catch(() => {});
const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
const below = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
const route = iframe ? SETTINGS_SCREEN : below.length > 1 ? below.replace(/\/$/, '') : '/';
const apiBase = document.querySelector('meta[name=mdm-api-base]')?.content || '/api';
boot.preloaded = preload(apiBase, FIRST_LOADS[route], {}, locale);
boot.standalone = !iframe;
if (iframe) import('./mdm-sync-frame.js');
