import { test, expect, fault, expectNoAxeViolations } from './support.js';

for (const [screen, url, path, ready] of [
  ['Mobile Security', '/security/mobile', '/api/v1/security/mobile', 'Advanced'],
  ['the settings screen', '/security/mobile/mdm-sync', '/api/v1/security/mobile/mdm-sync', 'Show key value'],
]) {
  test(`a failed load of ${screen} explains itself, and Retry loads it`, async ({ page, request }) => {
    // Three failures: the load retries twice by itself before it shows the failure.
    await fault(request, { method: 'GET', path, times: 3, status: 503 });
    await page.goto(url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('temporarily unavailable');
    await expectNoAxeViolations(page);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('button', { name: ready })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

test('an HTML error page is not shown raw', async ({ page, request }) => {
  await fault(request, {
    method: 'GET',
    path: '/api/v1/security/mobile',
    times: 3,
    status: 200,
    body: '<html><h1>Proxy</h1></html>',
  });
  await page.goto('/security/mobile');
  await expect(page.getByRole('alert')).toContainText('does not understand');
  await expect(page.getByText('Proxy')).toHaveCount(0);
});
