// The wasm's request, as the loader checks it (`compileVerified`, src/embed/start.js), in a module of its own: the
// standalone page's guard (src/embed/guard.js, ES5) starts it, so this file is ES5 too.

/**
 * A request of the wasm at `url` (absolute), for `compileVerified` to check as it streams: a promise of its
 * `Response`, or `undefined` where the hash can only be checked by the browser (no WebCrypto: an insecure context),
 * which `compileVerified` then asks for itself. The standalone page starts it in its guard, ahead of everything else
 * it parses, since the wasm is the first screen's long pole (`bash tests/tools/bench.sh --only cold` shows where a
 * cold start goes).
 */
export function requestWasm(url) {
  return window.crypto && window.crypto.subtle ? fetch(url) : undefined;
}
