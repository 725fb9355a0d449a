// The standalone page's guard (index.html), run before every other script, a classic script bundled with what it
// imports from src/embed/ (build/post-build.mjs). ES5, like fail.js and request-wasm.js: a browser too old for the
// console gets a page that says so, in the admin's language, instead of a blank one; the page's first script
// (src/embed/boot.js) then does nothing. Any other browser starts downloading the wasm here, the page's long pole.
// Every other failure to start is shown by the first script, through the functions this one hands it.
import { WASM } from './build.js';
import { renderStartFailure, startFailure, startSupported } from './fail.js';
import { requestWasm } from './request-wasm.js';

window.__mdmSyncFailure = { render: renderStartFailure, of: startFailure };
if (!startSupported()) {
  window.__mdmSyncUnsupported = true;
  var showUnsupported = function () {
    var main = document.body.appendChild(document.createElement('main'));
    renderStartFailure(main, navigator.languages || [navigator.language], { unsupported: true }, function () {
      location.reload();
    });
  };
  if (document.body) showUnsupported();
  else document.addEventListener('DOMContentLoaded', showUnsupported);
} else {
  // The first script, once parsed, compiles what this has already started downloading (src/embed/boot.js).
  window.__mdmSyncWasm = requestWasm(new URL(WASM, document.baseURI).href);
}
