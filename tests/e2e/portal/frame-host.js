// Frames the console (`?src=`) and, with `?sibling=`, a page of another origin beside it; records every message the
// console sends in `window.received`, so that the tests can read what the portal heard.
const params = new URLSearchParams(location.search);
const slot = document.getElementById('slot');
window.received = [];

const frame = document.createElement('iframe');
frame.title = '3rd-party MDM sync settings';
frame.src = params.get('src');
Object.assign(frame.style, { width: '100%', height: '30rem', border: '0' });
slot.append(frame);

if (params.get('sibling')) {
  const sibling = document.createElement('iframe');
  sibling.title = 'Another site';
  sibling.src = params.get('sibling');
  slot.append(sibling);
}

window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  window.received.push({ origin: event.origin, ...event.data });
  if (event.data?.type === 'mdm-sync:resize') frame.style.height = `${event.data.detail.height}px`;
});
