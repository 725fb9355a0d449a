// The interaction budget: every interaction of the settings flow, measured by the browser's Event Timing API (from
// the input to the next frame shown), stays under 100 ms with the CPU slowed down four times.
import { test, expect } from './support.js';

const BUDGET_MS = 100;

/**
 * Brings a control to the middle of the screen, as the admin would before using it, then uses it. A control left
 * at the very bottom edge of a 412×839 screen makes headless Chromium report its events at up to 500 ms although
 * each is handled in 0–2 ms and animation frames keep coming every 16 ms: the wait is for the frame's presentation
 * (measured while writing this test), not for the page.
 */
async function inView(locator, use) {
  await locator.evaluate((control) => control.scrollIntoView({ block: 'center' }));
  await use(locator);
}

test('every interaction of the settings flow paints within 100 ms at 4x CPU slowdown', async ({ page }, testInfo) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__interactions = [];
    // 16 ms is the smallest threshold the API takes: anything slower than a frame is recorded.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.interactionId) continue;
        const target = entry.target?.textContent?.trim().slice(0, 40) || entry.target?.getAttribute?.('aria-label') || '';
        window.__interactions.push({ name: entry.name, target, duration: entry.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  });
  await page.goto('/security/mobile/mdm-sync');
  const sync = page.getByRole('switch', { name: '3rd-party MDM sync' });
  await expect(sync).toBeVisible();

  await inView(sync, (l) => l.click());
  const precautions = page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' });
  await precautions.getByRole('button', { name: 'OK' }).click();
  await inView(page.getByRole('checkbox', { name: 'Restrict login with other domain account' }), (l) => l.check());
  await inView(page.getByRole('button', { name: 'Show key value' }), (l) => l.click());
  await inView(page.getByRole('button', { name: 'Re-issue' }), (l) => l.click());
  await inView(page.getByRole('radio', { name: 'Custom value' }), (l) => l.check());
  await inView(page.getByRole('textbox', { name: 'Key value' }), (l) =>
    l.pressSequentially('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA', { delay: 20 }));
  const save = page.getByRole('button', { name: 'Save' });
  await inView(save, (l) => l.click());
  const apply = page.getByRole('dialog', { name: 'Apply these changes?' });
  await apply.getByRole('button', { name: 'Cancel' }).click();
  await inView(save, (l) => l.click());
  await apply.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await inView(page.getByRole('link', { name: 'Back to Mobile Security' }), (l) => l.click());
  await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
  // An entry is reported after the frame that ends it.
  await page.waitForTimeout(500);

  const interactions = await page.evaluate(() => window.__interactions);
  expect(interactions.length, 'the observer saw the flow').toBeGreaterThan(0);
  const slowest = interactions.reduce((max, i) => (i.duration > max.duration ? i : max));
  console.log(`interactions (${testInfo.project.name}, 4x CPU): ${interactions.length} events over 16 ms, ` +
    `slowest ${slowest.duration} ms (${slowest.name} on "${slowest.target}")`);
  for (const { name, target, duration } of interactions) {
    expect(duration, `${name} on "${target}"`).toBeLessThan(BUDGET_MS);
  }
});
