// Deployed as operators deploy it: dist/ copied to a plain static server (tests/e2e/portal/static-server.mjs), which
// is told to misbehave as real servers do (docs/deployment.md). The console starts anywhere it can, and where it
// cannot, it says what failed and what to check, in the admin's language, never a blank page.
import { test, expect, expectNoAxeViolations, catalog } from './support.js';
import { staticURL } from '../playwright.config.js';

async function serve(request, mode = {}) {
  const answer = await request.post(`${staticURL}/__static/mode`, { data: mode });
  expect(answer.status()).toBe(204);
}

test.afterEach(async ({ request }) => serve(request));

/** The start-failure page: an alert under its heading. */
const failure = (page, title = 'The console could not start') =>
  page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 1, name: title }) });

test('a server that sends the wasm as application/octet-stream still runs the console', async ({ page, request }) => {
  await serve(request, { wasmType: 'application/octet-stream' });
  const wasm = page.waitForResponse((r) => /_bg\.wasm$/.test(r.url()));
  await page.goto(`${staticURL}/security/mobile/mdm-sync`);
  expect((await wasm).headers()['content-type']).toBe('application/octet-stream');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '3rd-party MDM sync' })).toBeVisible();
});

const failures = [
  ['the wasm answered 404 (a partial copy)', { missing: '_bg.wasm' }, /mdm-console-\w+_bg\.wasm/],
  ['the JS glue rewritten by a proxy (its integrity no longer matches)', { rewriteJs: true }, /mdm-console-\w+\.js/],
  ['the language catalog missing', { missing: '.json' }, /mdm-sync-i18n-en-\w+\.json/],
  [
    'a sub-path the build was not made for (no --public-url)',
    { under: '/console' },
    /127\.0\.0\.1:\d+\/[\w-]+\.(js|wasm|json)/,
  ],
];

for (const [name, mode, file] of failures) {
  test(`${name}: the page says what failed and what to check`, async ({ page, request }) => {
    await serve(request, mode);
    await page.goto(`${staticURL}${mode.under ?? ''}/security/mobile`);
    const shown = failure(page);
    await expect(shown).toBeVisible();
    await expect(shown).toContainText(file);
    await expect(shown).toContainText('application/wasm');
    await expect(shown).toContainText('--public-url');
    await expect(shown.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Mended on the server, Reload brings the console.
    await serve(request);
    if (mode.under) return;
    await shown.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
  });
}

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test("the failure is told in the admin's language", async ({ page, request }) => {
    await serve(request, { missing: '_bg.wasm' });
    await page.goto(`${staticURL}/security/mobile`);
    const ja = catalog('ja', 'start');
    const shown = failure(page, ja.failed_title);
    await expect(shown).toBeVisible();
    await expect(shown).toHaveAttribute('lang', 'ja');
    await expect(shown).toContainText(ja.failed_check);
    await expect(shown.getByRole('button', { name: ja.reload })).toBeVisible();
  });
});

test('a browser without what the console needs is told so in plain words', async ({ page }) => {
  // As Safari 15 is: no AbortSignal.timeout.
  await page.addInitScript(() => {
    delete AbortSignal.timeout;
  });
  await page.goto('/security/mobile');
  const shown = failure(page, 'This browser cannot run the console');
  await expect(shown).toBeVisible();
  await expect(shown).toContainText('Safari 16');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
