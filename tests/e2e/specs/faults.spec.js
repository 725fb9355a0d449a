// The fault matrix: four actions against ten kinds of failure. In every cell no unsaved choice is lost, "Saved"
// appears only after a 2xx, an alert explains the failure and offers Retry, and a successful retry leaves exactly one
// change on the server. A table of the cells is printed at the end.
import { test, expect, reset, saveAndApply, shownKey } from './support.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const error = (code) => JSON.stringify({ error: { code, message: `mock ${code}`, field: null } });
const FAULTS = {
  500: { status: 500 },
  502: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  '503 + Retry-After': { status: 503, headers: { 'Retry-After': '1' } },
  '429 + Retry-After': { status: 429, headers: { 'Retry-After': '1' } },
  'dropped connection': { drop: true },
  '10 s delay': { delayMs: 10_000 },
  'malformed JSON': { status: 200, body: '{"enabled": tru' },
  'HTML page, status 200': { status: 200, body: '<!doctype html><title>Sign in</title><h1>Sign in</h1>' },
  '401 session gone': { status: 401, body: error('unauthorized') },
  '403 csrf_failed': { status: 403, body: error('csrf_failed') },
};
const SETTINGS = '/api/v1/security/mobile/mdm-sync';
const READINESS = '/api/v1/security/mobile/mdm-sync/readiness';
const results = {};
const totals = {};

test.describe.configure({ timeout: 60_000 });

// Loads retry a failure that a retry may get past twice by themselves (src/domain/retry.rs) before they show it.
const TRANSIENT = new Set([
  '500',
  '502',
  '503 + Retry-After',
  '429 + Retry-After',
  'dropped connection',
  '10 s delay',
  'malformed JSON',
  'HTML page, status 200',
]);

async function injectFault(request, method, name, times = 1, path = SETTINGS) {
  const response = await request.post('/__mock/faults', { data: { method, path, times, ...FAULTS[name] } });
  expect(response.status()).toBe(204);
}

async function expectExplainedFailure(page, timeout = 12_000) {
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible({ timeout });
  const text = await alert.innerText();
  expect(text).not.toMatch(/<|tru\b|mock /);
  expect(text.length).toBeGreaterThan(20);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
  return alert;
}

const settings = (request) => request.get(SETTINGS).then((r) => r.json());
const auditActions = async (request) =>
  (await (await request.get(`${SETTINGS}/audit?limit=20`)).json()).events.map((e) => e.action);

/** Waits out a delayed first request, so that "exactly one change" is counted after every request was handled. */
async function settle(name, startedAt) {
  if (name === '10 s delay') await new Promise((r) => setTimeout(r, Math.max(0, startedAt + 10_500 - Date.now())));
}

const ACTIONS = {
  async load(page, request, name) {
    await injectFault(request, 'GET', name, TRANSIENT.has(name) ? 3 : 1);
    await page.goto('/security/mobile/mdm-sync');
    const alert = await expectExplainedFailure(page, 35_000);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  },

  async save(page, request, name) {
    await page.goto('/security/mobile/mdm-sync');
    const restrict = page.getByRole('checkbox', { name: 'Restrict login with other domain account' });
    await restrict.check();
    await injectFault(request, 'PUT', name);
    const startedAt = Date.now();
    await saveAndApply(page);
    const alert = await expectExplainedFailure(page);
    await expect(restrict).toBeChecked();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await settle(name, startedAt);
    expect((await settings(request)).restrictOtherDomains).toBe(true);
    expect((await auditActions(request)).filter((a) => a === 'restrict_on')).toHaveLength(1);
  },

  // Device readiness is never in the way: while its load fails, the settings are saved; it then says its numbers are
  // unavailable, and Retry brings them.
  async 'readiness load'(page, request, name) {
    await injectFault(request, 'GET', name, TRANSIENT.has(name) ? 3 : 1, READINESS);
    await page.goto('/security/mobile/mdm-sync');
    const restrict = page.getByRole('checkbox', { name: 'Restrict login with other domain account' });
    await restrict.check();
    await saveAndApply(page);
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const region = page.getByRole('region', { name: 'Device readiness' });
    const retry = region.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible({ timeout: 40_000 });
    await expect(region).toContainText('The device numbers are unavailable right now.');
    await retry.click();
    await expect(region.getByRole('table')).toBeVisible();
    expect((await auditActions(request)).filter((a) => a === 'restrict_on')).toHaveLength(1);
  },

  async 'reissue + save'(page, request, name) {
    await page.goto('/security/mobile/mdm-sync');
    await page.getByRole('button', { name: 'Re-issue' }).click();
    const key = await shownKey(page);
    await injectFault(request, 'PUT', name);
    const startedAt = Date.now();
    await saveAndApply(page);
    const alert = await expectExplainedFailure(page);
    expect(await shownKey(page)).toBe(key);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await settle(name, startedAt);
    expect((await settings(request)).keyValue).toBe(key);
    expect((await auditActions(request)).filter((a) => a === 'key_reissued')).toHaveLength(1);
  },
};

for (const [action, run] of Object.entries(ACTIONS)) {
  for (const name of Object.keys(FAULTS)) {
    test(`${action} × ${name}`, async ({ page, request }, testInfo) => {
      await reset(request, { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } });
      const cell = ((results[testInfo.project.name] ??= {})[action] ??= {});
      cell[name] = '✗';
      await run(page, request, name);
      cell[name] = '✓';
      const sum = (totals[testInfo.project.name] ??= { scenarios: 0, requests: 0, changes: 0 });
      sum.scenarios += 1;
      sum.requests += (await (await request.get('/__mock/requests')).json()).length;
      sum.changes += (await auditActions(request)).length;
    });
  }
}

test.afterAll(async ({}, testInfo) => {
  const table = results[testInfo.project.name];
  if (!table) return;
  const names = Object.keys(FAULTS);
  const lines = [
    `fault matrix (${testInfo.project.name}): ${Object.keys(table).length} actions × ${names.length} faults`,
  ];
  lines.push(['action'.padEnd(16), ...names].join(' | '));
  for (const [action, cells] of Object.entries(table)) {
    lines.push([action.padEnd(16), ...names.map((n) => (cells[n] ?? '-').padEnd(n.length))].join(' | '));
  }
  const sum = totals[testInfo.project.name];
  if (sum)
    lines.push(
      `${sum.scenarios} scenarios passed, ${sum.requests} requests to the mock, ${sum.changes} changes applied`
    );
  console.log(lines.join('\n'));
});
