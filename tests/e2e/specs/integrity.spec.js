// Subresource integrity: the browser runs the JS glue and the wasm module only if they are the ones that were built.
import { test, expect } from './support.js';

test('index.html pins the JS glue and the wasm module by hash', async ({ request }) => {
  const html = await (await request.get('/security/mobile')).text();
  expect(html).toMatch(/rel=modulepreload|rel="modulepreload"/);
  expect(html).toMatch(/\.js"? integrity="?sha384-/);
  expect(html).toMatch(/module_or_path: fetch\('[^']+_bg\.wasm', \{ integrity: 'sha384-/);
});

test('a tampered wasm module is refused', async ({ page }) => {
  await page.route('**/*_bg.wasm', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body });
  });
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/security/mobile');
  await expect.poll(() => errors.join('\n')).toMatch(/integrity/i);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
});
