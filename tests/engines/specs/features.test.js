// What the console leans on where engines differ, checked in the engine itself on the console's own page (its origin
// and CSP): what the console needs is asserted; what it must do without (requestIdleCallback, word-break: auto-phrase)
// is recorded. The findings go to .results/features-ENGINE.json, which run.mjs prints as one table for both engines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, after } from 'node:test';
import { assert, useBrowser, openSettings, ENGINE } from '../lib/console.js';
import { ROOT } from '../lib/servers.js';

const found = {};
const record = (what, value) => {
  found[what] = value;
};

/** The console's first wasm module and its integrity, as the build's index.html hands them to start.js. */
function consoleWasm() {
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  // In the first script the name is followed by its hash (the guard, earlier, names it alone).
  const match = html.match(/["']([^"']*mdm-console-[\w-]+_bg\.wasm)["'][^"']*["'](sha384-[A-Za-z0-9+/=]+)["']/);
  assert.ok(match, "dist/index.html names the console's wasm and its sha384 integrity");
  return { file: match[1], integrity: match[2] };
}

describe(`what the console leans on, in ${ENGINE}`, () => {
  const held = useBrowser();
  after(() => {
    const dir = process.env.ENGINES_RESULTS;
    if (dir) writeFileSync(join(dir, `features-${ENGINE}.json`), JSON.stringify(found, null, 2));
  });

  test('the engine and its version', async () => {
    const b = held.browser;
    const caps = await b.driver.getCapabilities();
    const version = caps.get('browserVersion');
    record(
      'engine tested',
      ENGINE === 'firefox'
        ? `Firefox ESR ${version} (geckodriver)`
        : `WebKitGTK ${version} (MiniBrowser, WebKitWebDriver)`
    );
    await openSettings(b);
    record('user agent', await b.driver.executeScript('return navigator.userAgent'));
    assert.ok(version);
  });

  test('WebAssembly.compileStreaming, and the integrity check on the bytes', async () => {
    const b = held.browser;
    const { file, integrity } = consoleWasm();
    const result = await b.run(
      `
      const [file, integrity] = args;
      const url = new URL(file, location.origin + '/').href;
      const streaming = typeof WebAssembly.compileStreaming === 'function';
      const module = await WebAssembly.compileStreaming(fetch(url));
      const sha = await crypto.subtle.digest('SHA-384', await (await fetch(url)).arrayBuffer());
      const base64 = btoa(String.fromCharCode(...new Uint8Array(sha)));
      let refused = false;
      try { await fetch(url, { integrity: 'sha384-' + 'A'.repeat(64) }); } catch { refused = true; }
      let octet = 'not tried';
      try {
        const bytes = await (await fetch(url)).arrayBuffer();
        await WebAssembly.compileStreaming(new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
        octet = 'compiled';
      } catch (e) { octet = e.name; }
      return { streaming, exports: WebAssembly.Module.exports(module).length, matches: 'sha384-' + base64 === integrity, refused, octet };`,
      file,
      integrity
    );
    record(
      'WebAssembly.compileStreaming',
      result.streaming ? `yes; with application/octet-stream: ${result.octet}` : 'no'
    );
    record('fetch integrity (a wrong hash refused)', result.refused ? 'yes' : 'no');
    assert.ok(result.streaming);
    assert.ok(result.exports > 0);
    assert.ok(result.matches, "SHA-384 of the bytes, by crypto.subtle, equals the build's integrity");
    assert.ok(result.refused, 'a wrong integrity is refused');
  });

  test("the guard's early request of the wasm is the one the loader compiles: one download", async () => {
    const b = held.browser;
    await openSettings(b);
    const { file } = consoleWasm();
    const requests = await b.driver.executeScript(
      `return performance.getEntriesByType('resource').filter((e) => e.name === new URL(arguments[0], document.baseURI).href).length`,
      file
    );
    record(
      "the wasm requested once (the guard's request, compiled by the loader)",
      requests === 1 ? 'yes' : `no: ${requests} requests`
    );
    assert.equal(requests, 1, 'one request of the wasm (a loader that ignored the early request would make a second)');
  });

  test('<dialog> with showModal: the focus goes in, the page behind is inert, and it comes back', async () => {
    const b = held.browser;
    const result = await b.run(`
      const opener = document.createElement('button');
      opener.textContent = 'opener';
      document.body.append(opener);
      opener.focus();
      const dialog = document.createElement('dialog');
      dialog.innerHTML = '<p>text</p><button>Cancel</button><button>OK</button>';
      document.body.append(dialog);
      dialog.showModal();
      const first = document.activeElement === dialog.querySelector('button');
      const inert = document.elementFromPoint(1, 1) === dialog || !opener.matches(':focus');
      dialog.close();
      const back = document.activeElement === opener;
      dialog.remove(); opener.remove();
      return { dialog: typeof HTMLDialogElement === 'function', first, inert, back, inertAttr: 'inert' in HTMLElement.prototype };`);
    record(
      '<dialog> showModal and its focus',
      `${result.dialog ? 'yes' : 'no'}; first button focused: ${result.first}; focus back on close: ${result.back}`
    );
    assert.ok(result.dialog && result.first && result.back);
  });

  test('crypto.subtle and getRandomValues in this secure context (127.0.0.1)', async () => {
    const b = held.browser;
    const result = await b.run(`
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
      const hex = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
      const random = crypto.getRandomValues(new Uint8Array(16)).some((x) => x !== 0);
      return { secure: isSecureContext, hex, random };`);
    record('crypto.subtle.digest, getRandomValues', result.secure && result.random ? 'yes' : 'no');
    assert.equal(result.hex, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.ok(result.random);
  });

  test('the clipboard: writeText after a click; reading back without a prompt', async () => {
    const b = held.browser;
    const write = await b.run(`return typeof navigator.clipboard?.writeText === 'function';`);
    const read = await b.run(`
      try {
        return await Promise.race([navigator.clipboard.readText().then(() => 'allowed'),
          new Promise((resolve) => setTimeout(() => resolve('waits for a prompt'), 1500))]);
      } catch (e) { return 'refused (' + e.name + ')'; }`);
    record(
      'clipboard',
      `writeText: ${write ? 'yes' : 'no'}; readText from a test: ${read}; a real paste (Ctrl+V) reads it`
    );
    assert.ok(write);
  });

  test('word-break: auto-phrase, and where Japanese lines break without it', async () => {
    const b = held.browser;
    const result = await b.run(`
      const supported = CSS.supports('word-break', 'auto-phrase');
      const box = document.createElement('p');
      box.lang = 'ja';
      box.textContent = '外部MDM連携を有効にすると、すべてのメンバーがログアウトされます。';
      Object.assign(box.style, { width: '9em', fontSize: '16px', lineBreak: 'strict', wordBreak: 'auto-phrase', fontFamily: '"Noto Sans CJK JP", sans-serif' });
      document.body.append(box);
      const node = box.firstChild;
      const lines = [];
      let top = null;
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top === null || rect.top > top + 2) { lines.push(''); top = rect.top; }
        lines[lines.length - 1] += node.data[i];
      }
      const fonts = document.fonts.check('16px "Noto Sans CJK JP"');
      box.remove();
      return { supported, lines, fonts };`);
    record(
      'word-break: auto-phrase',
      result.supported
        ? 'yes'
        : `no: Japanese breaks between any two characters (line-break: strict keeps kinsoku), e.g. at 9em: ${result.lines.join(' / ')}`
    );
    record('CJK font (Noto Sans CJK JP)', result.fonts ? 'yes' : 'no');
    assert.ok(result.lines.length > 1);
  });

  test('requestIdleCallback, AbortSignal.timeout and AbortSignal.any', async () => {
    const b = held.browser;
    const result = await b.run(`
      const idle = typeof requestIdleCallback === 'function';
      const timeout = typeof AbortSignal.timeout === 'function';
      const any = typeof AbortSignal.any === 'function';
      let reason = null;
      if (timeout) {
        const signal = AbortSignal.timeout(10);
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        reason = signal.reason?.name;
      }
      let anyWorks = null;
      if (any) {
        const controller = new AbortController();
        const both = AbortSignal.any([controller.signal, AbortSignal.timeout(60000)]);
        controller.abort();
        anyWorks = both.aborted;
      }
      return { idle, timeout, reason, any, anyWorks };`);
    record('requestIdleCallback', result.idle ? 'yes' : 'no');
    record('AbortSignal.timeout', result.timeout ? `yes (${result.reason})` : 'no');
    record('AbortSignal.any', result.any ? `yes (aborts with either: ${result.anyWorks})` : 'no');
    assert.ok(result.timeout, 'the API client times requests out with AbortSignal.timeout');
    assert.equal(result.reason, 'TimeoutError', "the client tells a timeout by the reason's name");
  });

  test('forced-colors, and Intl plurals and dates in en, ja, ko', async () => {
    const b = held.browser;
    const result = await b.run(`
      const known = matchMedia('(forced-colors: none)').matches || matchMedia('(forced-colors: active)').matches;
      const active = matchMedia('(forced-colors: active)').matches;
      const plural = ['en', 'ja', 'ko'].map((tag) => tag + ' 1:' + new Intl.PluralRules(tag).select(1) + ' 2:' + new Intl.PluralRules(tag).select(2)).join(', ');
      const at = new Date(Date.UTC(2026, 2, 14, 9, 5));
      const dates = ['en', 'ja', 'ko'].map((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(at));
      const numbers = ['en', 'ja', 'ko'].map((tag) => new Intl.NumberFormat(tag).format(1024));
      return { known, active, plural, dates, numbers, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };`);
    record(
      'forced-colors',
      !result.known
        ? 'not recognized'
        : ENGINE === 'firefox'
          ? 'yes: active with browser.display.document_color_use = 2 (specs/forced-colors.test.js)'
          : 'known, never active: WebKit (and Safari) have no forced-colours mode'
    );
    record('Intl.PluralRules', result.plural);
    record('Intl.DateTimeFormat (medium, short; Asia/Tokyo)', result.dates.join(' · '));
    record('Intl.NumberFormat 1024', result.numbers.join(' · '));
    assert.ok(result.known, 'the forced-colors media feature is recognized');
    assert.equal(result.plural, 'en 1:one 2:other, ja 1:other 2:other, ko 1:other 2:other');
    assert.deepEqual(result.numbers, ['1,024', '1,024', '1,024']);
  });
});
