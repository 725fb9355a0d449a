// A recognisable key goes through the whole flow; afterwards it must be found only where it belongs: the PUT body.
// (The mock's --record file holds every answer for the contract check, with each key value redacted.)
import { readFileSync } from 'node:fs';
import { test, expect, saveAndApply, shownKey } from './support.js';
import { mockLog, mockRecord } from '../playwright.config.js';

const CANARY = 'CANARY-7f3a21-MdmSync-Key';

test('the key reaches no URL, storage, console, header, other request or log line', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const consoleText = [];
  page.on('console', (message) => consoleText.push(message.text()));
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));

  await page.goto('/security/mobile/mdm-sync');
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value' }).fill(CANARY);
  await page.getByRole('button', { name: 'Copy key value', exact: true }).click();
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  expect(await shownKey(page)).toBe(CANARY);
  // The App Configuration kit with the key in it: copied, downloaded, and a value checked against it.
  const kit = page.getByRole('region', { name: 'App Configuration kit' });
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'Microsoft Intune (Android)' });
  await kit.getByRole('button', { name: 'Copy configuration' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    kit.getByRole('button', { name: 'Download configuration' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(CANARY);
  await kit.getByRole('textbox', { name: 'Value in your MDM' }).fill(`${CANARY}\n`);
  await kit.getByRole('button', { name: 'Check value' }).click();
  await expect(kit.getByRole('status').filter({ hasText: 'line break' })).toBeVisible();
  await page.goto('/security/mobile');
  await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();

  expect(urls.filter((u) => u.includes(CANARY))).toEqual([]);
  expect(page.url()).not.toContain(CANARY);
  const storage = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
  );
  expect(storage).not.toContain(CANARY);
  expect(consoleText.filter((t) => t.includes(CANARY))).toEqual([]);

  const seen = await (await request.get('/__mock/requests')).json();
  const carrying = seen.filter((r) => JSON.stringify(r).includes(CANARY));
  expect(carrying.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/v1/security/mobile/mdm-sync']);
  expect(JSON.stringify(carrying[0].headers) + carrying[0].path + (carrying[0].query ?? '')).not.toContain(CANARY);
  const audit = await (await request.get('/api/v1/security/mobile/mdm-sync/audit')).text();
  expect(audit).not.toContain(CANARY);
  expect(readFileSync(new URL(`../${mockLog}`, import.meta.url), 'utf8')).not.toContain(CANARY);
  // The record of every answer, for the contract check, holds the key's place ("[redacted]") but never the key.
  const record = readFileSync(new URL(`../${mockRecord}`, import.meta.url), 'utf8');
  expect(record).toContain('"keyValue":"[redacted]"');
  expect(record).not.toContain(CANARY);
});
