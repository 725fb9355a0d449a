// Loads get past a passing failure by themselves, waiting as the server asks (Retry-After) before they try again.
import { test, expect, fault } from './support.js';

const SETTINGS = '/api/v1/security/mobile/mdm-sync';

test('one failed load is retried by itself, after the Retry-After wait, with no alert', async ({ page, request }) => {
  const sent = [];
  page.on('request', (r) => r.url().endsWith(SETTINGS) && sent.push(Date.now()));
  await fault(request, { method: 'GET', path: SETTINGS, times: 1, status: 503, headers: { 'Retry-After': '2' } });
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(sent).toHaveLength(2);
  expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(1_900);
});

test('a save is never retried by itself', async ({ page, request }) => {
  await request.post('/__mock/reset', {
    data: {
      mdmSync: {
        enabled: false,
        restrictOtherDomains: false,
        keyMode: 'auto',
        keyValue: 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k',
      },
    },
  });
  await fault(request, { method: 'PUT', path: SETTINGS, times: 1, status: 503 });
  await page.goto('/security/mobile/mdm-sync');
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('temporarily unavailable');
  await page.waitForTimeout(1_500);
  const puts = (await (await request.get('/__mock/requests')).json()).filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(1);
});
