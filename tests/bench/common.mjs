// What every measure of the benchmark shares: the command line, the goals, the throttling, the browser's flags, the
// report's rows, and the mock backend's reset (run.mjs runs the measures; scale.mjs holds those at a large fleet).
export const [base, staticDir, dist] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
export const RUNS = Number(option('runs', 7));
export const ONLY = new Set(option('only', 'size,cold,warm,interactions,lighthouse,api,regions').split(','));
export const SETTINGS = '/security/mobile/mdm-sync';
export const STATIC = '/bench-static/';

// Lighthouse's mobile preset ("slow 4G"): 150 ms round trip, 1.6 Mbps down, 750 kbps up, the CPU 4x slower.
export const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1638.4 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
export const CPU_SLOWDOWN = 4;
// A large LINE WORKS domain's fleet (domains reach 100,000 members, several devices each).
export const DEVICES = 300_000;
export const GOALS = {
  coldRatio: 2.0,
  warmRatio: 1.3,
  interactionMs: 100,
  lighthouse: 100,
  firstLoadKb: 100,
  // Issue 20: everything the settings screen loads, its first load and then the second module.
  settingsScreenKb: 150,
  apiMs: 50,
  regionsMs: 1000,
  heapMb: 30,
};
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const rows = [];
export const row = (measure, figure, goal, met, detail = '') => rows.push({ measure, figure, goal, met, detail });
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;

export async function resetMock() {
  const response = await fetch(`${base}/__mock/reset`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`bench: the mock did not reset (${response.status})`);
}

/**
 * What "usable" means, for the console and the static copy alike: the switch "3rd-party MDM sync" is in the page,
 * enabled, shows the backend's state, and a frame has been drawn with it (checked at each animation frame, which
 * only runs once the page can render: its stylesheet has arrived).
 */
export function watchUsable(expectedChecked) {
  const look = () => {
    const label = [...document.querySelectorAll('[role=switch]')].find((s) =>
      (
        s.getAttribute('aria-label') ??
        document.getElementById(s.getAttribute('aria-labelledby'))?.textContent ??
        s.labels?.[0]?.textContent ??
        ''
      ).includes('3rd-party MDM sync')
    );
    if (label && !label.disabled && label.getAttribute('aria-checked') === expectedChecked) {
      window.__usableAt = performance.now();
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}
