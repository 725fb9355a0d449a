// Starting the console fast, shared by the standalone page (src/embed/boot.js, which build/post-build.mjs bundles
// into index.html's first script) and by `<mdm-sync-settings>` (src/embed/mdm-sync-settings.js), each importing what
// it uses. The settings screen loads its second module (`loadPanels`) once it can be used. Three things wait for
// nothing else:
// - the wasm is compiled while it downloads, and only a module whose bytes match the build's integrity hash is ever
//   instantiated (the browser's own `integrity` check would hold every byte back until the last had arrived);
// - the catalog of the admin's language, and only that one, is fetched beside it (the wasm holds no strings);
// - the API answers the first screen needs are requested at once, and handed to the console when it starts
//   (`ApiClient::with_preloaded`), instead of being asked for only after the wasm has run.
import { CATALOGS, PANELS } from './build.js';
import { requestWasm } from './request-wasm.js';

/** How long a request may take; the same as the console's own requests (`domain::retry::REQUEST_TIMEOUT_MS`). */
const TIMEOUT_MS = 8000;

/**
 * What each screen loads first, by route (`routes.rs`): API paths (`domain::api::paths`). A native test keeps the
 * two in step; a path missing here only means that it is loaded later.
 */
export const FIRST_LOADS = {
  '/': ['/v1/security/mobile'],
  '/security/mobile': ['/v1/security/mobile'],
  '/security/mobile/mdm-sync': ['/v1/session', '/v1/security/mobile/mdm-sync', '/v1/security/mobile'],
};

/** The settings screen: what `<mdm-sync-settings>` and the iframe mode show. */
export const SETTINGS_SCREEN = '/security/mobile/mdm-sync';

/** Where the standalone page remembers the language menu's choice (`platform::language`). */
export const REMEMBERED_LOCALE = 'mdm-sync:locale';

/**
 * The first of `candidates` (BCP 47 tags, in order of preference) that the console speaks, by its primary
 * language (`ja-JP` is `ja`); English when none is (`i18n::supported` decides the same way).
 */
export function chooseLocale(candidates) {
  for (const tag of candidates) {
    const language = String(tag ?? '')
      .split(/[-_]/)[0]
      .toLowerCase();
    if (Object.hasOwn(CATALOGS, language)) return language;
  }
  return Object.keys(CATALOGS)[0];
}

/** The parsed console catalog of `locale`, its file resolved against `base`, refused unless it matches its hash. */
export function loadCatalog(locale, base) {
  return loadCatalogFrom(CATALOGS, locale, base);
}

function loadCatalogFrom(catalogs, locale, base) {
  const [file, integrity] = catalogs[locale];
  const url = new URL(file, base).href;
  return naming(
    url,
    fetch(url, { integrity }).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
  );
}

/**
 * `promise`, whose failure names the file it was for (`error.url`): the start-failure page shows it
 * (src/embed/fail.js), and the operator can look that file up on the server.
 */
export function naming(url, promise) {
  return promise.catch((error) => {
    const named = error instanceof Error ? error : new Error(String(error));
    named.url ??= url;
    throw named;
  });
}

/**
 * A promise of the compiled wasm module at `url`, refused unless its bytes match `integrity` (`sha384-…`). Without
 * streaming compilation or WebCrypto (an insecure context), the browser's own integrity check is used instead.
 * A server that labels the wasm other than `application/wasm` (`application/octet-stream` is common) gets the same
 * module compiled from its bytes once they have all come, as wasm-bindgen's own loader does: slower, never blank.
 * `requested` is the request of `url` that `requestWasm` started earlier, if any.
 */
export function compileVerified(url, integrity, requested) {
  url = new URL(url, location.href).href;
  const [algorithm, expected] = [integrity.slice(0, 6), integrity.slice(7)];
  requested ??= requestWasm(url);
  if (algorithm !== 'sha384' || !requested) {
    return naming(
      url,
      fetch(url, { integrity })
        .then(bytesOf)
        .then((bytes) => WebAssembly.compile(bytes))
    );
  }
  return naming(
    url,
    requested
      .then((response) => {
        const bytes = bytesOf(response.clone());
        const fromBytes = () => bytes.then((all) => WebAssembly.compile(all));
        const streamable =
          WebAssembly.compileStreaming && /^application\/wasm\b/i.test(response.headers.get('Content-Type') ?? '');
        return Promise.all([
          streamable ? WebAssembly.compileStreaming(response).catch(fromBytes) : fromBytes(),
          bytes.then((all) => crypto.subtle.digest('SHA-384', all)),
        ]);
      })
      .then(([module, digest]) => {
        if (base64(digest) !== expected) {
          // The browser's own words for a failed integrity check, so that the page's error reports read the same.
          const message = `Failed to find a valid digest in the 'integrity' attribute for resource '${url}' with computed SHA-384 integrity '${base64(digest)}'. The resource has been blocked.`;
          console.error(message);
          throw new TypeError(message);
        }
        return module;
      })
  );
}

/** The body of a 2xx answer; any other status is an error that says it. */
function bytesOf(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

let panels;

/**
 * The second module (src/panels: the App Configuration kit and the Activity log; `PANELS`), started, with the catalogs of `locale` that its islands need: the console's (`consoleCatalog`,
 * a promise the caller already has) and its own. Resolves to `{glue, consoleCatalog, panelsCatalog}` for
 * `platform::Panels`.
 */
export function loadPanels(base, locale, consoleCatalog) {
  panels ??= (() => {
    const glue = new URL(PANELS.glue[0], base).href;
    return importVerified(glue, PANELS.glue[1]).then((module) =>
      module
        .default({ module_or_path: compileVerified(new URL(PANELS.wasm[0], base).href, PANELS.wasm[1]) })
        .then(() => module)
    );
  })().catch((error) => {
    panels = undefined;
    throw error;
  });
  return Promise.all([panels, consoleCatalog, loadCatalogFrom(PANELS.catalogs, locale, base)]).then(
    ([glue, consoleCatalog, panelsCatalog]) => ({ glue, consoleCatalog, panelsCatalog })
  );
}

/**
 * Puts the JS module at `url` in the page's module map, checked against `integrity`: `import()` takes no integrity
 * hash, but a module preload does, and every later import of `url`, dynamic or static, finds the checked module
 * there. Before any import of `url`, so that no unchecked fetch of it can start first.
 */
export function preloadVerified(url, integrity) {
  const link = document.createElement('link');
  Object.assign(link, { rel: 'modulepreload', href: url, integrity });
  document.head.append(link);
}

/** The JS module at `url`, imported only if it matches `integrity`. */
export function importVerified(url, integrity) {
  preloadVerified(url, integrity);
  return naming(url, import(url));
}

function base64(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}

/**
 * Starts the GETs of `paths` below `apiBase` with `headers`, as the console's client sends them (in language
 * `locale`), and returns a Map of path to the promise of `{ response, body }`: the Response and its body's text,
 * read as soon as it arrives. Read here, the console renders the answers in the same task it starts in; reading a
 * body takes the browser a task of its own, and a console that read it only when it started drew its loading
 * placeholders first (a frame, and ~50 ms at 4x CPU, on the cold start's critical path). Each answer is taken once.
 * An abort of `lifetime` (the element removed) cancels those still on their way, where the browser has
 * `AbortSignal.any`.
 */
export function preload(apiBase, paths, headers, locale, lifetime) {
  const base = apiBase.replace(/\/+$/, '');
  const loads = new Map();
  for (const path of paths ?? []) {
    const deadline = AbortSignal.timeout(TIMEOUT_MS);
    const request = fetch(base + path, {
      headers: { ...headers, Accept: 'application/json', 'Accept-Language': locale },
      signal: lifetime && AbortSignal.any ? AbortSignal.any([deadline, lifetime]) : deadline,
    }).then((response) => response.text().then((body) => ({ response, body })));
    // Unhandled until the console takes it; a failure is the console's to report, not the page's.
    request.catch(() => {});
    loads.set(path, request);
  }
  return loads;
}

/** The content of the page's `<meta name="…">`, or `''`. */
export function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.content ?? '';
}
