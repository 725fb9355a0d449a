// What a portal hears from the console (docs/embedding.md): the element's DOM events, and the iframe mode's messages
// (src/embed/frame.js), which src/embed/boot.js also sends when the console cannot start.

/** The console's events that reach the portal; `mdm-sync:resize` is the iframe mode's own, sent by frame.js. */
export const EVENTS = ['mdm-sync:ready', 'mdm-sync:dirty-change', 'mdm-sync:saved', 'mdm-sync:error'];

/** The `mdm-sync:error` detail a portal gets when the console cannot start. */
export function startFailedDetail(error) {
  return { code: 'start_failed', message: String(error?.message ?? error) };
}
