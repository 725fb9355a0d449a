// Subresource integrity: the browser runs the JS glue and the wasm module only if they are the ones that were built.
// The glue is checked by the browser; the wasm by the page's first script (src/embed/start.js), which compiles it
// while it streams and instantiates it only if its SHA-384 matches.
import { test, expect, corruptLastByte } from './support.js';

test('index.html pins the JS glue and the wasm module by hash', async ({ request }) => {
  const html = await (await request.get('/security/mobile')).text();
  const { createHash } = await import('node:crypto');
  const glue = html.match(/mdm-console-\w+\.js/)[0];
  const glueBytes = await (await request.get(`/${glue}`)).body();
  expect(html, "the first script holds the glue's hash").toContain(
    `sha384-${createHash('sha384').update(glueBytes).digest('base64')}`
  );
  const wasm = html.match(/[\w-]+_bg\.wasm/)[0];
  // The hash that the first script checks the wasm against comes right after its name.
  const pinned = html.match(new RegExp(`${wasm}"[^"]*"(sha384-[A-Za-z0-9+/]{64})"`))?.[1];
  const bytes = await (await request.get(`/${wasm}`)).body();
  expect(pinned).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
});

test("the first screen's API answers are asked for once each, and the wasm once", async ({ page, request }) => {
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const gets = (await (await request.get('/__mock/requests')).json())
    .filter((r) => r.method === 'GET')
    .map((r) => r.path);
  for (const path of ['/api/v1/session', '/api/v1/security/mobile/mdm-sync', '/api/v1/security/mobile']) {
    expect(
      gets.filter((p) => p === path),
      path
    ).toHaveLength(1);
  }
});

test('the wasm and its glue are each requested once, and nothing is preloaded in vain', async ({ page }) => {
  const requested = [];
  const warnings = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('console', (message) => warnings.push(message.text()));
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
  await page.waitForLoadState('load');
  // Chrome says a preload went unused 3 s after the load event.
  await page.waitForTimeout(3_500);
  expect(
    requested.filter((path) => /^\/mdm-console-\w+_bg\.wasm$/.test(path)),
    'the wasm'
  ).toHaveLength(1);
  expect(
    requested.filter((path) => /^\/mdm-console-\w+\.js$/.test(path)),
    'the glue'
  ).toHaveLength(1);
  expect(warnings.filter((text) => /preload/i.test(text))).toEqual([]);
});

for (const [what, pattern, named] of [
  ['wasm module', '**/*_bg.wasm', /_bg\.wasm/],
  ['JS glue', '**/mdm-console-*.js', null],
]) {
  test(`a tampered ${what} is refused`, async ({ page }) => {
    await corruptLastByte(page, pattern);
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/security/mobile');
    await expect.poll(() => errors.join('\n')).toMatch(/integrity/i);
    // Not a blank page: it says what failed (and, for the wasm, which file: a refused module import names none).
    const failure = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'The console could not start' }) });
    await expect(failure).toBeVisible();
    if (named) await expect(failure).toContainText(named);
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });
}
