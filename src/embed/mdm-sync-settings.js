// <mdm-sync-settings>: the settings screen as a custom element, for a portal's own pages (docs/embedding.md).
// The Trunk post-build hook (build/post-build.mjs) bundles this file into the build as `mdm-sync-settings.js`, one
// file with what it imports (start.js's loaders, fail.js's start-failure page, this build's file names and hashes
// from build.js), and the build's hashed JS glue in place of `./mdm-console.js`.
import init, { mount_embedded, unmount_embedded } from './mdm-console.js';
import { STYLES, STYLES_INTEGRITY, WASM, WASM_INTEGRITY } from './build.js';
import { EVENTS, startFailedDetail } from './events.js';
import { renderStartFailure, startFailure } from './fail.js';
import {
  FIRST_LOADS,
  SETTINGS_SCREEN,
  chooseLocale,
  compileVerified,
  loadCatalog,
  loadPanels,
  preload,
} from './start.js';

let started;
// One start for every element on the page. The wasm is fetched only when `init` needs it: in the iframe mode the
// page's first script has already begun compiling this build, and its loader starts it, which wasm-bindgen shares.
function start() {
  const compile = () =>
    window.__mdmSyncBoot?.module ?? compileVerified(new URL(WASM, import.meta.url).href, WASM_INTEGRITY);
  started ??= init({
    module_or_path: { then: (ok, fail) => compile().then(ok, fail) },
  }).catch((error) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** The catalog of `locale`: the one the iframe mode's page is already fetching, or this element's own. */
function catalog(locale) {
  const boot = window.__mdmSyncBoot;
  return boot?.locale === locale ? boot.catalog : loadCatalog(locale, import.meta.url);
}

class MdmSyncSettings extends HTMLElement {
  static observedAttributes = ['api-base', 'locale'];

  #id = 0;
  #run = 0;
  /** Aborted when the screen goes: its first loads, if still on their way, are cancelled with it. */
  #loads;
  #headers;
  #dirty = false;
  #restartWhenClean = false;
  #container;
  #styled;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const styles = document.createElement('link');
    styles.rel = 'stylesheet';
    styles.integrity = STYLES_INTEGRITY;
    styles.href = new URL(STYLES, import.meta.url).href;
    // Shown once styled: the screen never flashes unstyled inside the portal. A stylesheet that fails to load
    // still lets the screen work.
    this.#styled = new Promise((done) => {
      styles.addEventListener('load', done, { once: true });
      styles.addEventListener('error', done, { once: true });
    });
    this.#container = document.createElement('div');
    this.#container.className = 'mdm-root';
    root.append(styles, this.#container);
    // A value set on the element before this class was defined is an own property that hides the accessor.
    if (Object.hasOwn(this, 'authHeaders')) {
      const value = this.authHeaders;
      delete this.authHeaders;
      this.authHeaders = value;
    }
  }

  /** Headers for every request: an object, or a function that returns one (asked anew before each request). */
  get authHeaders() {
    return this.#headers;
  }

  set authHeaders(value) {
    this.#headers = value;
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before === after || !this.isConnected) return;
    // Starting again would throw the admin's unsaved choices away: wait until they are saved or undone.
    if (this.#dirty) this.#restartWhenClean = true;
    else this.#restart();
  }

  async #mount() {
    const run = ++this.#run;
    // After the script that added the element has run to its end: a portal may set `authHeaders` just after.
    await null;
    if (run !== this.#run) return;
    const apiBase = this.getAttribute('api-base') || '/api';
    // The element's `locale`, else the page's language around it, else the browser's; English if none is spoken.
    const locale = chooseLocale([
      this.getAttribute('locale'),
      this.closest('[lang]')?.lang,
      document.documentElement.lang,
      ...navigator.languages,
    ]);
    this.#loads = new AbortController();
    const preloaded = preload(
      apiBase,
      FIRST_LOADS[SETTINGS_SCREEN],
      this.#currentHeaders(),
      locale,
      this.#loads.signal
    );
    let strings;
    try {
      [, strings] = await Promise.all([start(), catalog(locale), this.#styled]);
    } catch (error) {
      if (run === this.#run) this.#failed(error, locale);
      return;
    }
    // Removed, or moved and mounted again, while the wasm was loading.
    if (run !== this.#run || !this.isConnected) return;
    this.#container.lang = locale;
    try {
      this.#id = mount_embedded(
        this.#container,
        apiBase,
        locale,
        strings,
        () => this.#currentHeaders(),
        (name, detail) => this.#emit(name, detail),
        preloaded,
        (language) => loadPanels(import.meta.url, language, catalog(language))
      );
    } catch (error) {
      this.#failed(error, locale);
    }
  }

  /** The screen cannot start: it says what failed, with a button to try again, and the portal is told. */
  #failed(error, locale) {
    renderStartFailure(this.#container, [locale], startFailure(error), () => this.#restart());
    this.#emit('mdm-sync:error', startFailedDetail(error));
  }

  #unmount() {
    this.#run++;
    this.#loads?.abort();
    this.#dirty = false;
    this.#restartWhenClean = false;
    if (this.#id) unmount_embedded(this.#id);
    this.#id = 0;
    // A start failure's message, if that is what the element shows.
    this.#container.replaceChildren();
  }

  #restart() {
    this.#unmount();
    this.#mount();
  }

  #currentHeaders() {
    let headers = this.#headers;
    if (typeof headers === 'function') headers = headers();
    if (headers instanceof Headers) return Object.fromEntries(headers);
    return headers && typeof headers === 'object' ? { ...headers } : {};
  }

  #emit(name, detail) {
    if (name === 'mdm-sync:dirty-change') {
      this.#dirty = detail.dirty;
      // After the console's own update has finished: restarting unmounts it.
      if (!detail.dirty && this.#restartWhenClean) queueMicrotask(() => this.#restart());
    }
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('mdm-sync-settings')) customElements.define('mdm-sync-settings', MdmSyncSettings);

export { EVENTS };
