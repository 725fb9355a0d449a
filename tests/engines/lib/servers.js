// The servers the suite needs, started once by run.mjs for both engines: the mock backend serving the built console
// (dist/ at /, dist-subpath/ under /admin/mdm/), and the portal test page of the Playwright suite
// (tests/e2e/portal/server.mjs) on an origin of its own, which the mock allows to frame the console. The specs reach
// them through MOCK_URL and PORTAL_URL, and the mock's test controls (api-v1.md) through the helpers below.
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MOCK_URL = process.env.MOCK_URL ?? 'http://127.0.0.1:4300';
export const PORTAL_URL = process.env.PORTAL_URL ?? 'http://localhost:4301';
export const SETTINGS = '/security/mobile/mdm-sync';
export const SETTINGS_API = '/api/v1/security/mobile/mdm-sync';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url, what, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer at ${url} within 30 s`);
}

/** Starts the mock backend (on `mockPort`) and the portal (on `mockPort + 1`); returns a function that stops both. */
export async function startServers(mockPort, logFile) {
  const mock = join(ROOT, 'target/release/mock-server');
  for (const needed of [mock, join(ROOT, 'dist/index.html'), join(ROOT, 'dist-subpath/index.html')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: build first (tests/tools/engines.sh does)`);
  }
  const mockURL = `http://127.0.0.1:${mockPort}`;
  const portalURL = `http://localhost:${mockPort + 1}`;
  const log = openSync(logFile, 'w');
  const children = [
    spawn(
      mock,
      [
        '--addr',
        `127.0.0.1:${mockPort}`,
        '--static',
        join(ROOT, 'dist'),
        '--mount',
        `/admin/mdm=${join(ROOT, 'dist-subpath')}`,
        '--frame-ancestors',
        portalURL,
      ],
      { stdio: ['ignore', log, log] }
    ),
    spawn(process.execPath, [join(ROOT, 'tests/e2e/portal/server.mjs'), String(mockPort + 1), mockURL], {
      stdio: ['ignore', log, log],
    }),
  ];
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await sleep(100);
  };
  try {
    await waitFor(`${mockURL}/api/v1/session`, 'the mock backend', children[0]);
    await waitFor(`${portalURL}/blank.html`, 'the portal', children[1]);
  } catch (e) {
    await stop();
    throw e;
  }
  return { mockURL, portalURL, stop };
}

async function call(method, path, body) {
  const answer = await fetch(`${MOCK_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer;
}

/** The mock back to its defaults, or to `state` (`{ plan, mdmSync, otherDomainKeys, devices, … }`). */
export async function reset(state) {
  const answer = await call('POST', '/__mock/reset', state);
  assert.equal(answer.status, 204, 'POST /__mock/reset');
}

/** The next `times` requests matching `rule.method` and `rule.path` get the rule's answer instead. */
export async function fault(rule) {
  const answer = await call('POST', '/__mock/faults', rule);
  assert.equal(answer.status, 204, 'POST /__mock/faults');
}

export async function getJSON(path) {
  const answer = await call('GET', path);
  assert.ok(answer.ok, `GET ${path}: ${answer.status}`);
  return answer.json();
}

export const settings = () => getJSON(SETTINGS_API);
export const audit = () => getJSON(`${SETTINGS_API}/audit?limit=10`);
/** Every request the mock received since the last reset: method, path, query, headers, body. */
export const requests = () => getJSON('/__mock/requests');
