// The standalone page's first script (index.html; build/post-build.mjs bundles it there, one inline script, with
// what it imports: start.js's loaders and this build's file names and hashes, build.js), run after the page's guard
// (src/embed/guard.js), which has already said so if this browser is too old, and hands it the start-failure page
// (src/embed/fail.js: not imported here, as the guard already carries it, every language's words). Before the
// stylesheet, so that nothing holds it up, it:
// - compiles the wasm that the guard has started downloading, checked against its hash, and imports the JS glue that
//   starts it, checked against its own;
// - chooses the admin's language (the language menu's last choice, else the browser's languages; in the iframe
//   mode the portal's `?locale=`, else the browser's), says so in `<html lang>`, and fetches its catalog;
// - starts the API loads of the screen at the address (in the iframe mode, `?embed=1`, always the settings screen),
//   which the console takes when it runs;
// - in the iframe mode puts in the settings screen alone (src/embed/frame.js), else mounts the whole console;
// - when any of that fails, shows what failed instead of a blank page (`fail`), and tells a framing portal.
import { GLUE, GLUE_INTEGRITY, WASM, WASM_INTEGRITY } from './build.js';
import { startFailedDetail } from './events.js';
import {
  REMEMBERED_LOCALE,
  FIRST_LOADS,
  SETTINGS_SCREEN,
  chooseLocale,
  compileVerified,
  importVerified,
  loadCatalog,
  loadPanels,
  meta,
  naming,
  preload,
  preloadVerified,
} from './start.js';

// Nothing to start in a browser too old for the console: the guard has said so.
if (!window.__mdmSyncUnsupported) start();

function start() {
  const { render: renderStartFailure, of: startFailure } = window.__mdmSyncFailure;
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
  // The iframe mode's portal: messages go only to the origins on the allowlist that the server writes into
  // `<meta name="mdm-embed-origins">`, and the browser delivers each only if it is the portal's.
  const portal = iframe && window.parent !== window ? window.parent : null;
  const allowed = meta('mdm-embed-origins').split(/\s+/).filter(Boolean);
  const boot = (window.__mdmSyncBoot = {
    module: compileVerified(new URL(WASM, document.baseURI).href, WASM_INTEGRITY, window.__mdmSyncWasm),
    locale,
    allowed,
    catalog: loadCatalog(locale, document.baseURI),
    loadCatalog: (other) => loadCatalog(other, document.baseURI),
    loadPanels: (other) =>
      loadPanels(document.baseURI, other, other === locale ? boot.catalog : loadCatalog(other, document.baseURI)),
    tell: (type, detail) => {
      for (const origin of allowed) portal?.postMessage({ type, detail }, origin);
    },
    fail: (error) => {
      // In the page's main landmark: the frame's own, or one of its own in the standalone page.
      const show = () =>
        renderStartFailure(
          document.querySelector('.mdm-frame') ?? document.body.appendChild(document.createElement('main')),
          [locale],
          startFailure(error),
          () => location.reload()
        );
      if (document.body) show();
      else document.addEventListener('DOMContentLoaded', show, { once: true });
      boot.tell('mdm-sync:error', startFailedDetail(error));
    },
  });
  // A failure is reported where each is awaited.
  boot.module.catch(() => {});
  boot.catalog.catch(() => {});
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  const below = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
  const route = iframe ? SETTINGS_SCREEN : below.length > 1 ? below.replace(/\/$/, '') : '/';
  boot.preloaded = preload(meta('mdm-api-base') || '/api', FIRST_LOADS[route], {}, locale);
  const glue = new URL(GLUE, document.baseURI).href;
  const frame = new URL('./mdm-sync-frame.js', document.baseURI).href;
  // This script is the page's first: its requests go out before the parser reaches any `<link>`, so the glue and the
  // wasm are not preloaded by links of the page, which would only fetch each a second time.
  if (iframe) {
    // The iframe mode's script imports the glue itself: checked first, all the same.
    preloadVerified(glue, GLUE_INTEGRITY);
    naming(frame, import(frame)).catch(boot.fail);
  } else {
    Promise.all([importVerified(glue, GLUE_INTEGRITY), boot.module, boot.catalog])
      .then(([bindings, module, catalog]) =>
        bindings
          .default({ module_or_path: module })
          .then(() => bindings.mount_standalone(catalog, locale, boot.preloaded, boot.loadPanels))
      )
      .catch(boot.fail);
  }
}
