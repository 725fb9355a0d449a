// The benchmark at a large LINE WORKS domain's scale (DEVICES devices): the API's answers, and the regions below the
// form drawing them, with the heap they take.
import {
  base,
  RUNS,
  SETTINGS,
  GOALS,
  DEVICES,
  CPU_SLOWDOWN,
  chromiumArgs,
  row,
  median,
  ms,
  resetMock,
  watchUsable,
} from './common.mjs';
import { chromium } from 'playwright-core';

/** The mock seeded as a large domain: 300,000 devices in the default fleet's shares, a week of "Monitor only". */
async function seedAtScale() {
  const shares = [
    ['ios', 'managed', 'NimbusGroup-MDM-2026!', 412],
    ['android', 'managed', 'NimbusGroup-MDM-2026!', 236],
    ['ios', 'managed', null, 118],
    ['android', 'managed', 'OldNimbusValue-2024', 41],
    ['ios', 'unmanaged', null, 96],
    ['android', 'unmanaged', null, 38],
    ['android', 'android_without_enterprise', null, 83],
  ];
  const devices = shares.map(([platform, management, keyValue, share]) => ({
    platform,
    management,
    keyValue,
    count: Math.floor((share * DEVICES) / 1024),
  }));
  devices[0].count += DEVICES - devices.reduce((sum, d) => sum + d.count, 0);
  const seeded = await fetch(`${base}/__mock/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ memberCount: 250_000, devices, history: 'monitor-week' }),
  });
  if (seeded.status !== 204) throw new Error(`bench: the mock did not take 300,000 devices (${seeded.status})`);
}

export async function apiAtScale() {
  await seedAtScale();
  const signIns = '/api/v1/security/mobile/mdm-sync/sign-ins';
  const first = await (await fetch(`${base}${signIns}?days=7&limit=200`)).json();
  let cursor = first.nextCursor;
  for (let i = 0; i < 20 && cursor; i += 1) {
    cursor = (await (await fetch(`${base}${signIns}?days=7&limit=200&cursor=${encodeURIComponent(cursor)}`)).json())
      .nextCursor;
  }
  const timed = async (path) => {
    await (await fetch(`${base}${path}`)).text();
    const times = [];
    for (let i = 0; i < 3 * RUNS; i += 1) {
      const start = performance.now();
      const response = await fetch(`${base}${path}`);
      await response.text();
      if (!response.ok) throw new Error(`bench: ${path} answered ${response.status}`);
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const cases = [
    ['readiness', '/api/v1/security/mobile/mdm-sync/readiness'],
    ['sign-in checks, first page of 200', `${signIns}?days=7&limit=200`],
    ['sign-in checks, 22nd page of 200', `${signIns}?days=7&limit=200&cursor=${encodeURIComponent(cursor ?? '')}`],
    ['sign-in checks, 30 days, accepted', `${signIns}?days=30&outcome=accepted&limit=200`],
  ];
  for (const [label, path] of cases) {
    const value = await timed(path);
    row(
      `mock API at ${DEVICES.toLocaleString('en')} devices: ${label} (median of ${3 * RUNS})`,
      `${value.toFixed(1)} ms`,
      `≤ ${GOALS.apiMs} ms`,
      value <= GOALS.apiMs
    );
  }
  await resetMock();
}

/**
 * The browser at that scale: the settings screen opened with 300,000 devices and a week of their sign-in checks
 * behind it, at 4x CPU. Timed from the moment the screen is usable (as for the cold start) to the moment both
 * regions below it are: "Device readiness" with its table, and "Sign-in checks" with its first page of refusals.
 * Then, with both shown and after a garbage collection, the page's JS heap (V8's used size; the wasm modules' linear
 * memories are outside it, and their total is printed beside it).
 */
export async function regionsAtScale() {
  await seedAtScale();
  const regionsBrowser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const after = [];
  const heaps = [];
  const stores = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await regionsBrowser.newContext();
      await context.addInitScript(watchUsable, 'true');
      await context.addInitScript(() => {
        const filled = (title, rows) => {
          const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent.trim() === title);
          const region = heading && document.querySelector(`[aria-labelledby="${heading.id}"]`);
          return !!region && region.querySelectorAll(rows).length > 0;
        };
        const look = () => {
          if (
            filled('Device readiness', 'table tbody tr') &&
            filled('Sign-in checks', 'table:not([class*=hidden]) tbody tr')
          ) {
            window.__regionsAt = performance.now();
          } else {
            requestAnimationFrame(look);
          }
        };
        requestAnimationFrame(look);
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await page.goto(base + SETTINGS, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__regionsAt !== undefined && window.__usableAt !== undefined, null, {
        timeout: 60_000,
        polling: 50,
      });
      after.push(await page.evaluate(() => Math.max(0, window.__regionsAt - window.__usableAt)));
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      heaps.push(usage.usedSize / 2 ** 20);
      // Every WebAssembly.Memory in the page (both modules'), found by their prototype as DevTools' console does.
      const prototype = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
      const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId });
      const total = await cdp.send('Runtime.callFunctionOn', {
        objectId: objects.objectId,
        returnByValue: true,
        functionDeclaration: 'function () { return this.reduce((sum, memory) => sum + memory.buffer.byteLength, 0); }',
      });
      stores.push(total.result.value / 2 ** 20);
      await context.close();
    }
  } finally {
    await regionsBrowser.close();
  }
  const mb = (value) => `${value.toFixed(1)} MB`;
  const regionsMs = median(after);
  row(
    `at ${DEVICES.toLocaleString('en')} devices: readiness and sign-in checks usable after the screen (${CPU_SLOWDOWN}x CPU, median of ${RUNS})`,
    ms(regionsMs),
    `< ${ms(GOALS.regionsMs)}`,
    regionsMs < GOALS.regionsMs,
    `runs ${after.map(Math.round).join(', ')}`
  );
  const heap = median(heaps);
  row(
    `at ${DEVICES.toLocaleString('en')} devices: JS heap with both regions shown (median of ${RUNS})`,
    mb(heap),
    `< ${GOALS.heapMb} MB`,
    heap < GOALS.heapMb,
    `the wasm modules' linear memories beside it: ${mb(median(stores))}`
  );
  await resetMock();
}
