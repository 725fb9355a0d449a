// The iframe mode (`?embed=1`, docs/embedding.md): the settings screen alone, in this frame's own document, telling
// the portal around it its height and the console's events with `postMessage`, only ever to the origins on the
// allowlist that the server writes into `<meta name="mdm-embed-origins">`. Messages from anywhere else are ignored.
// `index.html`'s first script (src/embed/boot.js) has already started the wasm, the catalog of the frame's language
// and the screen's API loads, and imports this file instead of mounting the standalone console; it also says what
// failed if this one cannot start (`boot.fail`). The post-build hook bundles this file into the build as
// `mdm-sync-frame.js`, with what it imports, and the build's hashed JS glue in place of `./mdm-console.js`. The
// document is the console's own, so the screen needs no shadow root: it is mounted as it is standalone, without the
// shell.
import init, { mount_embedded } from './mdm-console.js';
import { EVENTS } from './events.js';
import { meta } from './start.js';

const THEMES = ['light', 'dark', 'auto'];
const boot = window.__mdmSyncBoot;
// Only to the allowed origins (boot.js): the browser delivers the message only if it is the portal's.
const { tell, allowed } = boot;
const portal = window.parent === window ? null : window.parent;
let headers = {};

function theme(name) {
  if (THEMES.includes(name)) document.body.dataset.mdmTheme = name;
}

const main = document.createElement('main');
main.className = 'mdm-frame';
document.body.append(main);
// Light unless the portal asks for another theme, as the element is: the standalone console's body follows the system.
theme(new URLSearchParams(location.search).get('theme') || 'light');

// The portal is told the height only while no press is held in the frame: Chromium delivers the release of a press to
// the portal, not to the frame, once the portal has resized the frame in between, and the click is lost. The second
// module's regions make the frame taller just after the screen can be used, when the admin may be clicking already.
let height = 0;
let pressed = false;
function tellHeight() {
  const now = Math.ceil(main.getBoundingClientRect().height);
  if (!pressed && now !== height) tell('mdm-sync:resize', { height: (height = now) });
}
new ResizeObserver(tellHeight).observe(main);
addEventListener('pointerdown', () => (pressed = true), true);
for (const type of ['pointerup', 'pointercancel', 'blur']) {
  addEventListener(
    type,
    () => {
      pressed = false;
      tellHeight();
    },
    true
  );
}

// The part of the frame that the portal shows. The frame is as tall as the screen, often taller than the portal's
// window, and a modal <dialog> is centred in the frame's viewport: its middle, which can be below the portal's fold.
// Firefox and Chromium scroll the portal to the dialog's focused button; Safari does not scroll a cross-origin
// parent. So the dialogs are centred in the part that shows (style/components/dialog.css). An IntersectionObserver
// without a root measures against the portal's viewport, across origins. The shown part is kept as its top and
// height, which stay right while the frame grows below the fold. An open dialog stays where it opened: the shown part
// changes while one is open (the second module's regions make the frame taller, the portal scrolls), and a dialog
// moved under the pointer between a press on its OK and the release loses the click. The part last measured is put in
// place when no dialog is open, and again as each one closes (`close` does not bubble: heard on its way down). Until
// the first measurement, which a busy page can delay past the first click, it is the frame's top, as tall as the frame
// is now: not `100vh`, which would move an open dialog as the portal makes the frame taller.
const page = document.documentElement;
let seen = { top: 0, height: innerHeight };
function placeDialogs() {
  if (document.querySelector('dialog[open]')) return;
  page.style.setProperty('--mdm-seen-top', `${seen.top}px`);
  page.style.setProperty('--mdm-seen-height', `${seen.height}px`);
}
placeDialogs();
new IntersectionObserver(
  ([entry]) => {
    const shown = entry.intersectionRect;
    const [top, height] = shown.height > 0 ? [shown.top, shown.height] : [0, innerHeight];
    seen = { top: Math.round(top), height: Math.round(height) };
    placeDialogs();
  },
  { threshold: Array.from({ length: 101 }, (_, i) => i / 100) }
).observe(main);
document.addEventListener('close', placeDialogs, true);

window.addEventListener('message', (event) => {
  if (!portal || event.source !== portal || !allowed.includes(event.origin)) return;
  const { type, detail } = event.data ?? {};
  if (type === 'mdm-sync:theme') theme(detail?.theme);
  // A plain object of header names to values, asked for anew before every request.
  if (type === 'mdm-sync:auth-headers' && detail?.headers && typeof detail.headers === 'object') {
    headers = Object.fromEntries(Object.entries(detail.headers).map(([name, value]) => [name, String(value)]));
  }
});

Promise.all([init({ module_or_path: boot.module }), boot.catalog])
  .then(([, catalog]) =>
    mount_embedded(
      main,
      meta('mdm-api-base') || '/api',
      boot.locale,
      catalog,
      () => headers,
      (name, detail) => EVENTS.includes(name) && tell(name, detail),
      boot.preloaded,
      boot.loadPanels
    )
  )
  // The page says what failed, and the portal is told (`start_failed`).
  .catch(boot.fail);
