import { test, expect, reset, expectNoAxeViolations, putSettings, shownKey } from './support.js';

const SAVED_KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';

// Every message names the problem, as the shared rules in src/domain/key.rs and the catalog say it.
const BAD_VALUES = [
  ['empty', '', 'Enter a key value.'],
  ['15 characters', 'abcdefghijklmno', 'is 15 characters long. Use at least 16.'],
  ['129 characters', 'a1B2c3D4'.repeat(16) + 'x', 'is 129 characters long. Use at most 128.'],
  ['a leading space', ' abcdefghijklmnop', 'starts with a space'],
  ['a trailing space', 'abcdefghijklmnop ', 'ends with a space'],
  ['a space inside', 'abcdefgh ijklmnop', 'has a space at position 9'],
  ['a control character', 'abcdefgh\u0007ijklmnop', 'control character (U+0007) at position 9'],
  ['a full-width character', 'abcdefghＡijklmnop', '"Ａ" (U+FF21) at position 9'],
  ['an emoji', 'abcdefgh😀ijklmnop', '"😀" (U+1F600) at position 9'],
  ['a look-alike letter', 'аbcdefghijklmnop', '"а" (U+0430) at position 1'],
  ['too few distinct characters', 'aaaaaaaaaaaaaaaa', 'uses only 1 different characters'],
  ['a repeated pattern', '1234123412341234', 'uses only 4 different characters'],
];

async function openSettings(page, request, mdmSync) {
  await reset(request, mdmSync ? { mdmSync } : undefined);
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
}

const keyBox = (page) => page.getByRole('textbox', { name: 'Key value' });

test('Re-issue makes a new valid key in the browser', async ({ page, request }) => {
  await openSettings(page, request, {
    enabled: true,
    restrictOtherDomains: false,
    keyMode: 'auto',
    keyValue: SAVED_KEY,
  });
  await expect(keyBox(page)).toHaveAttribute('readonly', '');
  expect(await shownKey(page)).toBe(SAVED_KEY);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  const reissued = await keyBox(page).inputValue();
  expect(reissued).toMatch(/^[A-Za-z0-9]{40}$/);
  expect(reissued).not.toBe(SAVED_KEY);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  expect(await keyBox(page).inputValue()).not.toBe(reissued);
});

test('the key is masked until shown, and App Configuration follows', async ({ page, request }) => {
  await openSettings(page, request, {
    enabled: true,
    restrictOtherDomains: false,
    keyMode: 'auto',
    keyValue: SAVED_KEY,
  });
  const toggle = page.getByRole('button', { name: 'Show key value' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(keyBox(page)).toHaveValue('•'.repeat(40));
  const appConfig = page.getByRole('region', { name: 'App Configuration', exact: true });
  await expect(appConfig.getByText('•'.repeat(40))).toBeVisible();
  await expectNoAxeViolations(page);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(keyBox(page)).toHaveValue(SAVED_KEY);
  await expect(appConfig.getByText(SAVED_KEY)).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('custom values', () => {
  for (const [what, value, message] of BAD_VALUES) {
    test(`${what} is refused with its own message at the field`, async ({ page, request }) => {
      await openSettings(page, request);
      await page.getByRole('radio', { name: 'Custom value' }).check();
      await keyBox(page).fill(value);
      const box = keyBox(page);
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      const describedBy = await box.getAttribute('aria-describedby');
      await expect(page.locator(`#${describedBy}`)).toContainText(message);
      await expect(box).toHaveValue(value === '' ? '' : value);
    });
  }

  test('a good value shows no message, and axe finds nothing with the message or without', async ({
    page,
    request,
  }) => {
    await openSettings(page, request);
    await page.getByRole('radio', { name: 'Custom value' }).check();
    await keyBox(page).fill('abcdefgh ijklmnop');
    await expectNoAxeViolations(page);
    await keyBox(page).fill('<Group&Key"Value\'>2026');
    await expect(keyBox(page)).not.toHaveAttribute('aria-invalid', 'true');
    // Nothing is said about it: its notes' place (what an MDM would rewrite, a number) stays empty.
    await expect(keyBox(page)).toHaveAccessibleDescription('');
    await expect(page.locator('#mdm-key-error')).toBeHidden();
  });

  test('switching modes keeps what was typed', async ({ page, request }) => {
    await openSettings(page, request);
    await page.getByRole('radio', { name: 'Custom value' }).check();
    await keyBox(page).fill('Typed-By-The-Admin-2026');
    await page.getByRole('radio', { name: 'Auto-generate' }).check();
    await expect(page.getByRole('button', { name: 'Re-issue' })).toBeVisible();
    await page.getByRole('radio', { name: 'Custom value' }).check();
    expect(await shownKey(page)).toBe('Typed-By-The-Admin-2026');
  });

  test("the mock refuses a bad value with the console's own message", async ({ page, request }) => {
    const value = 'abcdefghＡijklmnop';
    await openSettings(page, request);
    await page.getByRole('radio', { name: 'Custom value' }).check();
    await keyBox(page).fill(value);
    const shown = (await page.locator('#mdm-key-error').textContent()).trim();

    const answer = await putSettings(
      request,
      { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: value },
      'e2e-same-message-0001'
    );
    expect(answer.status()).toBe(422);
    const body = await answer.json();
    expect(body.error).toEqual({ code: 'invalid_key', field: 'keyValue', message: shown });
  });
});

test('Copy puts the exact key on the clipboard and says so', async ({ page, request, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openSettings(page, request, {
    enabled: true,
    restrictOtherDomains: false,
    keyMode: 'custom',
    keyValue: '<Group&Key"Value\'>2026',
  });
  await page.getByRole('button', { name: 'Copy key value', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('<Group&Key"Value\'>2026');
  await page.getByRole('button', { name: 'Copy Configuration Key' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('LineworksAuthCode');
  await page.getByRole('button', { name: 'Copy App Configuration Key Value' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('<Group&Key"Value\'>2026');
});

test('a refused clipboard is explained, and the key is shown and selected for copying by hand', async ({
  page,
  request,
}) => {
  await openSettings(page, request, {
    enabled: true,
    restrictOtherDomains: false,
    keyMode: 'auto',
    keyValue: SAVED_KEY,
  });
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await page.getByRole('button', { name: 'Copy key value', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'did not allow copying' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show key value' })).toHaveAttribute('aria-pressed', 'true');
  const selected = await page.evaluate(() => {
    const input = document.activeElement;
    return input && input.value ? input.value.substring(input.selectionStart, input.selectionEnd) : '';
  });
  expect(selected).toBe(SAVED_KEY);
});

test('the key never reaches a URL, storage or the console', async ({ page, request }) => {
  const consoleText = [];
  page.on('console', (message) => consoleText.push(message.text()));
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await openSettings(page, request);
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  const key = await shownKey(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toHaveAttribute('aria-checked', 'true');
  const storage = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
  );
  expect(storage).not.toContain(key);
  expect(urls.join('\n')).not.toContain(key);
  expect(page.url()).not.toContain(key);
  expect(consoleText.join('\n')).not.toContain(key);
});
