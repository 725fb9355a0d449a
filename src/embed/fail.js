// What the page says when the console cannot start: a file of the build missing or refused (a server that does not
// have every file of one build, a wrong --public-url, a proxy that rewrote a file), a module that does not compile,
// or a browser too old to run it. Without this the admin would see a blank page.
// Written in ES5 on purpose, but for its `import` and `export`: the standalone page runs it first, bundled with
// src/embed/guard.js into a classic script of its own (build/post-build.mjs, which builds it for ES5), so that a
// browser too old to parse the console's other scripts still reads it; the element (mdm-sync-settings.js) imports
// it too. Its words are the start catalog (src/i18n/start/*.json), every language's (`START_TEXT`, from the build:
// src/embed/build.js), each language's entries by position, in the order that src/i18n/start.rs declares (and the
// native tests hold every catalog to), as the console's catalogs are read.
import { START_TEXT } from './build.js';

var FAILED_TITLE = 0;
var FAILED_FILE = 1;
var FAILED_CHECK = 2;
var RELOAD = 3;
var UNSUPPORTED_TITLE = 4;
var UNSUPPORTED_BODY = 5;

/**
 * The oldest browsers the console runs in (README, "Supported browsers"): each is the first release with every
 * feature that `startSupported` checks.
 */
var START_OLDEST = { chrome: '103', firefox: '100', safari: '16' };

/**
 * Whether this browser has what the console needs, each named in the README's browser table: WebAssembly, ES
 * modules, `<dialog>`, `AbortSignal.timeout`, `Object.hasOwn`, custom elements and WebCrypto's random numbers.
 */
export function startSupported() {
  try {
    return (
      typeof WebAssembly === 'object' &&
      typeof WebAssembly.compile === 'function' &&
      'noModule' in document.createElement('script') &&
      typeof HTMLDialogElement === 'function' &&
      typeof HTMLDialogElement.prototype.showModal === 'function' &&
      typeof AbortSignal === 'function' &&
      typeof AbortSignal.timeout === 'function' &&
      typeof Object.hasOwn === 'function' &&
      typeof customElements === 'object' &&
      typeof crypto === 'object' &&
      typeof crypto.getRandomValues === 'function'
    );
  } catch (error) {
    return false;
  }
}

/** The start catalog of the first of `candidates` (BCP 47 tags) that the page speaks, by primary language. */
function startText(candidates) {
  for (var i = 0; i < candidates.length; i++) {
    var language = String(candidates[i] || '')
      .split(/[-_]/)[0]
      .toLowerCase();
    if (Object.prototype.hasOwnProperty.call(START_TEXT, language))
      return { locale: language, text: START_TEXT[language] };
  }
  for (var first in START_TEXT) return { locale: first, text: START_TEXT[first] };
}

/**
 * Fills `container` with what went wrong, in the first language of `languages` that the page speaks:
 * `failure.unsupported` for a browser too old, else the file that failed (`failure.url`, when known) with the
 * browser's own words (`failure.message`), and what the server's administrator should check. The button starts
 * again (`reload`).
 */
export function renderStartFailure(container, languages, failure, reload) {
  var chosen = startText(languages);
  var text = chosen.text;
  var doc = container.ownerDocument;
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  };
  var add = function (parent, name, content, className) {
    var made = doc.createElement(name);
    made.className = className || 'mdm-start-failed__text';
    if (content) made.textContent = content;
    parent.appendChild(made);
    return made;
  };
  var box = doc.createElement('section');
  box.className = 'mdm-start-failed';
  box.setAttribute('role', 'alert');
  box.setAttribute('lang', chosen.locale);
  var title = add(
    box,
    'h1',
    failure.unsupported ? text[UNSUPPORTED_TITLE] : text[FAILED_TITLE],
    'mdm-start-failed__title'
  );
  title.id = 'mdm-start-failed-title';
  box.setAttribute('aria-labelledby', title.id);
  if (failure.unsupported) {
    add(box, 'p', fill(text[UNSUPPORTED_BODY], START_OLDEST));
  } else {
    add(
      box,
      'p',
      failure.url ? fill(text[FAILED_FILE], { url: failure.url, error: failure.message }) : failure.message
    );
    add(box, 'p', text[FAILED_CHECK]);
    var again = add(box, 'button', text[RELOAD], 'mdm-button mdm-button--primary');
    again.type = 'button';
    again.addEventListener('click', reload);
  }
  while (container.firstChild) container.removeChild(container.firstChild);
  container.appendChild(box);
}

/** What failed, from an error of the start: the URL our loaders attach (`error.url`), and the browser's words. */
export function startFailure(error) {
  return { url: error && error.url, message: String((error && error.message) || error) };
}
