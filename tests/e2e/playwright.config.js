// End-to-end tests: the built console (dist/) served by the mock backend, in Debian's Chromium,
// on a desktop and a phone viewport.
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.MOCK_PORT ?? 4173);
export const baseURL = `http://127.0.0.1:${port}`;
export const mockLog = '.mock-server.log';
// Every answer of the main mock, one JSON line each with key values redacted (`--record`), which
// tests/tools/openapi-check.mjs then checks against docs/openapi.yaml. Not the log: the canary reads both.
export const mockRecord = '.mock-record.jsonl';
// Two portals for the embedding tests, each on an origin of its own: one the console allows to frame it, one it
// does not. `localhost` and `127.0.0.1` are different origins.
export const portalURL = `http://localhost:${port + 1}`;
export const otherSiteURL = `http://localhost:${port + 2}`;
// docs/embedding.md's "Try it against the mock backend": a plain page with the snippet, served by a mock of its own.
export const plainPortalURL = `http://127.0.0.1:${port + 3}`;
// dist/ copied to a plain static server (tests/e2e/portal/static-server.mjs), which misbehaves as told.
export const staticURL = `http://127.0.0.1:${port + 4}`;

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './specs',
  // One mock backend holds the state, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: { baseURL, launchOptions: chromium, trace: 'off' },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium },
    },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium } },
  ],
  webServer: [
    {
      // Its output goes to a file, which the canary test reads: the key must never reach a log line.
      // `dist-subpath` is the build for `/admin/mdm/` (Trunk's `--public-url`), which the portal embeds.
      command: `sh -c 'exec ../../target/release/mock-server --addr 127.0.0.1:${port} --static ../../dist \
        --mount /admin/mdm=../../dist-subpath --frame-ancestors ${portalURL} --record ${mockRecord} > ${mockLog} 2>&1'`,
      url: `${baseURL}/api/v1/session`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node portal/server.mjs ${port + 1} ${baseURL} ${otherSiteURL}`,
      url: `${portalURL}/blank.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node portal/server.mjs ${port + 2} ${baseURL}`,
      url: `${otherSiteURL}/blank.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `sh -c 'node portal/plain-page.mjs .plain-portal && exec ../../target/release/mock-server \
        --addr 127.0.0.1:${port + 3} --static .plain-portal --mount /admin/mdm=../../dist-subpath > /dev/null 2>&1'`,
      url: `${plainPortalURL}/api/v1/session`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node portal/static-server.mjs ${port + 4} ../../dist ${baseURL}`,
      url: `${staticURL}/__static/ready.txt`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
