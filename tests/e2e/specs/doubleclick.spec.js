// Nothing is applied twice: a double click sends one request, and the server records one change.
import { test, expect, reset } from './support.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';

test('a double click on Save sends one request and makes one change', async ({ page, request }) => {
  // While sync is off, a change signs nobody out, so Save sends at once, without a confirmation in between.
  await reset(request, { mdmSync: { enabled: false, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } });
  await request.post('/__mock/faults', {
    data: { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, delayMs: 800 },
  });
  await page.goto('/security/mobile/mdm-sync');
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  const save = page.getByRole('button', { name: 'Save' });
  await save.dblclick();
  await expect(save).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const puts = (await (await request.get('/__mock/requests')).json()).filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(puts[0].headers['idempotency-key']).toHaveLength(40);
  const events = (await (await request.get('/api/v1/security/mobile/mdm-sync/audit')).json()).events;
  expect(events.map((e) => e.action)).toEqual(['restrict_on']);
});
