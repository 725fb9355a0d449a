// Teardown at any moment: portals are single-page apps that remove what they embed and add it again whenever their
// own router says so. The element and the iframe are removed at each stage of their life, a new one is added, and
// the page must have had no error, the first must have left nothing behind (no listener, no timer, no API request
// still on its way), and the second must work. The test command runs this file 20 times in a row
// (`--repeat-each=20`): a race that fails one time in three fails there.
import { test, expect, fault, reset, watchLeftovers, leftovers } from './support.js';
import { baseURL, portalURL } from '../playwright.config.js';

/** Page errors and console errors, but for the browser's own line for an answer that a fault made fail on purpose. */
function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Lets `pattern` through only `ms` after it was asked for, so that a stage lasts long enough to be caught in. */
async function slow(page, pattern, ms) {
  const asked = [];
  await page.route(pattern, async (route) => {
    asked.push(route.request().url());
    await new Promise((done) => setTimeout(done, ms));
    await route.continue().catch(() => {});
  });
  return asked;
}

/** The request in flight that a stage waits for, by `METHOD /path`. */
const inFlight = (page, request) =>
  expect.poll(async () => (await leftovers(page)).requests, { message: `${request} in flight` }).toContain(request);

/** The first screen has gone: the page is back to what it had before it came. */
async function expectNothingLeft(page, before) {
  await expect
    .poll(async () => (await leftovers(page)).requests, { message: 'API requests still on their way' })
    .toEqual([]);
  await expect.poll(async () => (await leftovers(page)).timers, { message: 'timers left' }).toBe(before.timers);
  expect((await leftovers(page)).listeners, 'listeners left').toEqual(before.listeners);
}

/** A screen works: it loads, and a change is saved (the restriction, with sync off: no confirmation). */
async function expectWorking(scope, request) {
  const restrict = scope.getByRole('checkbox', { name: 'Restrict login with other domain account' });
  await expect(restrict).not.toBeChecked();
  await restrict.check();
  await scope.getByRole('button', { name: 'Save' }).click();
  await expect(scope.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const saved = await (await request.get('/api/v1/security/mobile/mdm-sync')).json();
  expect(saved.restrictOtherDomains).toBe(true);
}

/** Turns sync on and asks to apply it, which sends the PUT. */
async function startSaving(scope) {
  await scope.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await scope.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  await scope.getByRole('button', { name: 'Save' }).click();
  await scope.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
}

/** Whether the mock has received a request that `matches`. */
const received = (request, matches) =>
  expect
    .poll(async () => (await (await request.get('/__mock/requests')).json()).some(matches), {
      message: 'the request reached the backend',
    })
    .toBe(true);

/**
 * Each stage: what to arrange before the screen is added (`arrange`, which may return the requests it slows), and how
 * to reach the stage once it is (`reach`, given the screen's scope and `{ kind, asked, before, request }`), at which
 * point the screen is removed. An iframe's timers and requests live in its own document, which goes with it: for it,
 * the stages are reached by what the backend received.
 */
const stages = {
  'while the first module loads': {
    arrange: (page) => slow(page, '**/mdm-console-*_bg.wasm', 800),
    reach: (page, scope, { asked }) =>
      expect.poll(() => asked.length, { message: 'the wasm asked for' }).toBeGreaterThan(0),
  },
  'just after ready': {
    // Removed by the portal inside its own `mdm-sync:ready` handler: the earliest a portal hears of the screen.
    arrange: (page) =>
      page.addInitScript(() => {
        if (window.parent !== window) return;
        const removeFirst = (event) => {
          if (event.data?.type !== 'mdm-sync:ready') return;
          window.removeEventListener('message', removeFirst);
          document.querySelector('iframe')?.remove();
        };
        window.addEventListener('message', removeFirst);
        document.addEventListener('mdm-sync:ready', (event) => event.target.remove(), { once: true });
      }),
    reach: (page, scope, { kind }) =>
      expect(page.locator(kind === 'element' ? 'mdm-sync-settings' : 'iframe')).toHaveCount(0),
  },
  'while the second module loads': {
    arrange: (page) => slow(page, '**/mdm-panels-*', 1500),
    reach: async (page, scope, { asked }) => {
      await expect(scope.getByRole('button', { name: 'Save' })).toBeVisible();
      await expect.poll(() => asked.length, { message: 'the second module asked for' }).toBeGreaterThan(0);
    },
  },
  "between two of the second module's islands": {
    // The second module mounts its islands one task each (src/panels/mod.rs). Removed in the microtask after Device
    // readiness's island is drawn, before the next island's task: the islands still queued must never run. An
    // iframe's document goes whole with it, and its removal cannot be timed to one of the frame's tasks.
    kinds: ['element'],
    arrange: (page) =>
      page.addInitScript(() => {
        const attachShadow = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) {
          const root = attachShadow.call(this, init);
          if (this.localName === 'mdm-sync-settings' && !window.removedBetweenIslands) {
            const host = this;
            new MutationObserver((_, observer) => {
              if (!root.querySelector('.mdm-readiness')) return;
              observer.disconnect();
              window.removedBetweenIslands = true;
              host.remove();
            }).observe(root, { childList: true, subtree: true });
          }
          return root;
        };
      }),
    reach: async (page, scope, { request }) => {
      await expect.poll(() => page.evaluate(() => window.removedBetweenIslands === true)).toBe(true);
      // Sign-in checks and the Activity log, queued after readiness, asked the backend for nothing.
      const asked = await (await request.get('/__mock/requests')).json();
      expect(asked.filter((r) => /\/(audit|sign-ins)/.test(r.path)).map((r) => r.path)).toEqual([]);
    },
  },
  'during a save': {
    // Refused only after the console's own timeout, so that a save the screen does not cancel is still counted as
    // on its way when the screen has gone, and it changes nothing later.
    arrange: (page, request) =>
      fault(request, { method: 'PUT', path: '/v1/security/mobile/mdm-sync', status: 503, delayMs: 9000 }),
    reach: async (page, scope, { request }) => {
      // The screen as an admin starts a save: whole, the second module's regions drawn (racing their arrival is the
      // stage 'while the second module loads').
      await expect(scope.getByRole('region', { name: 'Device readiness' }).getByRole('table')).toBeVisible();
      await startSaving(scope);
      await received(request, (r) => r.method === 'PUT');
    },
  },
  "during a retry's wait": {
    arrange: (page, request) =>
      fault(request, {
        method: 'GET',
        path: '/v1/security/mobile/mdm-sync/audit',
        status: 503,
        headers: { 'Retry-After': '30' },
      }),
    reach: async (page, scope, { kind, before, request }) => {
      await received(request, (r) => r.method === 'GET' && r.path.endsWith('/audit'));
      if (kind === 'element') {
        await expect
          .poll(async () => (await leftovers(page)).timers, { message: 'the Activity log waits to retry' })
          .toBeGreaterThan(before.timers);
      } else {
        // The frame sets its retry's timer as the refusal arrives.
        await page.waitForTimeout(200);
      }
    },
  },
};

/** The stages that `kind` ('element' or 'iframe') can be caught in. */
const stagesOf = (kind) => Object.entries(stages).filter(([, { kinds }]) => !kinds || kinds.includes(kind));

test.describe('<mdm-sync-settings> removed', () => {
  for (const [stage, { arrange, reach }] of stagesOf('element')) {
    test(stage, async ({ page, request }) => {
      const errors = collectErrors(page);
      await watchLeftovers(page);
      const asked = await arrange(page, request);
      await page.goto(`${portalURL}/blank.html`);
      const before = await leftovers(page);
      const add = () =>
        page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
      await add();
      const element = page.locator('mdm-sync-settings');
      await reach(page, element, { kind: 'element', asked, before, request });
      await page.evaluate(() => document.querySelector('mdm-sync-settings')?.remove());
      await expectNothingLeft(page, before);

      await page.unrouteAll({ behavior: 'wait' });
      await reset(request);
      await add();
      await expectWorking(element, request);
      expect(errors).toEqual([]);
    });
  }
});

test.describe('iframe removed', () => {
  const framed = `${baseURL}/security/mobile/mdm-sync?embed=1`;
  const consoleFrame = (page) => page.frameLocator('iframe[title="3rd-party MDM sync settings"]');

  for (const [stage, { arrange, reach }] of stagesOf('iframe')) {
    test(stage, async ({ page, request }) => {
      const errors = collectErrors(page);
      const asked = await arrange(page, request);
      await page.goto(`${portalURL}/frame.html?src=${encodeURIComponent(framed)}`);
      await reach(page, consoleFrame(page), { kind: 'iframe', asked, request });
      await page.evaluate(() => document.querySelector('iframe')?.remove());
      await expect(page.locator('iframe')).toHaveCount(0);

      await page.unrouteAll({ behavior: 'wait' });
      await reset(request);
      await page.evaluate((src) => {
        const next = document.createElement('iframe');
        next.title = '3rd-party MDM sync settings';
        next.src = src;
        Object.assign(next.style, { width: '100%', height: '40rem', border: '0' });
        document.getElementById('slot').append(next);
      }, framed);
      await expectWorking(consoleFrame(page), request);
      expect(errors).toEqual([]);
    });
  }
});
