// The iframe mode (`?embed=1`, docs/embedding.md): the settings screen alone, as `<mdm-sync-settings>`, telling the
// portal around it its height and the element's events with `postMessage`, only ever to the origins on the allowlist
// that the server writes into `<meta name="mdm-embed-origins">`. Messages from anywhere else are ignored.
// `index.html` loads this file instead of mounting the standalone console; the post-build hook copies it into the
// build as `mdm-sync-frame.js`. The element's `init` shares the start of the wasm that the page's loader began.
import { EVENTS } from './mdm-sync-settings.js';

const THEMES = ['light', 'dark', 'auto'];
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
const allowed = meta('mdm-embed-origins').split(/\s+/).filter(Boolean);
const portal = window.parent === window ? null : window.parent;

const element = document.createElement('mdm-sync-settings');
element.setAttribute('api-base', meta('mdm-api-base') || '/api');
const theme = new URLSearchParams(location.search).get('theme');
if (THEMES.includes(theme)) element.setAttribute('theme', theme);

// A target origin per allowed origin: the browser delivers the message only if it is the portal's.
function tell(type, detail) {
  for (const origin of allowed) portal?.postMessage({ type, detail }, origin);
}

for (const name of EVENTS) element.addEventListener(name, (event) => tell(name, event.detail));

let height = 0;
new ResizeObserver(() => {
  const now = Math.ceil(element.getBoundingClientRect().height);
  if (now !== height) tell('mdm-sync:resize', { height: (height = now) });
}).observe(element);

window.addEventListener('message', (event) => {
  if (!portal || event.source !== portal || !allowed.includes(event.origin)) return;
  const { type, detail } = event.data ?? {};
  if (type === 'mdm-sync:theme' && THEMES.includes(detail?.theme)) element.setAttribute('theme', detail.theme);
  if (type === 'mdm-sync:auth-headers') element.authHeaders = detail?.headers ?? {};
});

document.body.append(element);
