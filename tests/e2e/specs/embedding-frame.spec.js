// Embedding (docs/embedding.md): the iframe mode (`?embed=1`) inside a portal's page, and the console under the
// sub-path /admin/mdm/. The element is in embedding.spec.js. The portals are tests/e2e/portal/server.mjs, on origins
// of their own.
import { test, expect, turnOnAndApply } from './support.js';
import { baseURL, portalURL, otherSiteURL } from '../playwright.config.js';

const settingsOf = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());

test.describe('iframe embed: ?embed=1', () => {
  const framed = `${baseURL}/security/mobile/mdm-sync?embed=1`;
  const consoleFrame = (page) => page.frameLocator('iframe[title="3rd-party MDM sync settings"]');
  const received = (page) => page.evaluate(() => window.received);

  test('on an allowed origin: no shell, its height and events reach the portal', async ({ page, request }) => {
    await page.goto(`${portalURL}/frame.html?src=${encodeURIComponent(framed)}`);
    const frame = consoleFrame(page);
    await expect(frame.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(frame.getByRole('navigation')).toHaveCount(0);
    await expect(frame.getByRole('button', { name: 'Menu' })).toHaveCount(0);

    await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain('mdm-sync:ready');
    // The screen grows as the second module's parts arrive: each growth is told, the last one with the height now.
    const lastResize = async () => (await received(page)).findLast((m) => m.type === 'mdm-sync:resize');
    const mainHeight = () => frame.getByRole('main').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    await expect.poll(async () => (await lastResize())?.detail.height === (await mainHeight())).toBe(true);
    expect((await lastResize()).origin).toBe(baseURL);
    const height = await mainHeight();
    // The portal sized the frame from it: the whole screen shows without a scroll bar of its own.
    await expect.poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(height);

    await turnOnAndApply(frame);
    const saved = await settingsOf(request);
    await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain('mdm-sync:saved');
    const message = (await received(page)).find((m) => m.type === 'mdm-sync:saved');
    expect(message.detail).toEqual({
      enabled: true,
      restrictOtherDomains: false,
      logoutDeadline: saved.logoutDeadline,
    });
    expect(JSON.stringify(await received(page))).not.toContain(saved.keyValue);
  });

  test('takes messages from its portal, and ignores those of any other origin', async ({ page }) => {
    const sibling = `${otherSiteURL}/other-site.html`;
    await page.goto(`${portalURL}/frame.html?src=${encodeURIComponent(framed)}&sibling=${encodeURIComponent(sibling)}`);
    const frame = consoleFrame(page);
    await expect(frame.getByRole('button', { name: 'Save' })).toBeVisible();
    // The theme shows in the colors the screen is drawn in.
    const theme = () => frame.getByRole('main').evaluate((e) => getComputedStyle(e).colorScheme);
    expect(await theme()).toBe('normal');

    // Another site's page, beside the console in the same portal, cannot steer it.
    const other = page.frames().find((f) => f.url().startsWith(otherSiteURL));
    await other.evaluate(() =>
      parent.frames[0].postMessage({ type: 'mdm-sync:theme', detail: { theme: 'dark' } }, '*')
    );
    await page.waitForTimeout(300);
    expect(await theme()).toBe('normal');

    await page.evaluate(
      (origin) =>
        document
          .querySelector('iframe')
          .contentWindow.postMessage({ type: 'mdm-sync:theme', detail: { theme: 'dark' } }, origin),
      baseURL
    );
    await expect.poll(theme).toBe('dark');
  });

  test.describe(() => {
    test.use({ expectedCspViolations: [/frame-ancestors/] });
    test('a page on an origin that is not allowed cannot frame it', async ({ page }) => {
      const answer = page.waitForResponse((r) => r.url() === framed);
      await page.goto(`${otherSiteURL}/frame.html?src=${encodeURIComponent(framed)}`);
      expect((await answer).headers()['content-security-policy']).toContain(`frame-ancestors ${portalURL}`);
      await page.waitForTimeout(1000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame.url()).not.toContain('127.0.0.1');
      await expect(consoleFrame(page).getByRole('button', { name: 'Save' })).toHaveCount(0);
      expect(await received(page)).toEqual([]);
    });
  });

  /** Holds the second module's files until the returned function is called. */
  async function holdPanels(page) {
    let release;
    const held = new Promise((done) => (release = done));
    await page.route('**/mdm-panels-*', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    return release;
  }

  /** The portal's frame with the second module held back, and the precautions opened by a press on the switch. */
  async function precautionsWhilePanelsHeld(page) {
    const release = await holdPanels(page);
    await page.goto(`${portalURL}/frame.html?src=${encodeURIComponent(framed)}`);
    const frame = consoleFrame(page);
    const sync = frame.getByRole('switch', { name: '3rd-party MDM sync' });
    await sync.click();
    const dialog = frame.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' });
    return { release, frame, sync, dialog, ok: dialog.getByRole('button', { name: 'OK' }) };
  }

  /** Two animation frames of the document `scope` evaluates in: what it had to draw is drawn. */
  const drawn = (scope) =>
    scope.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

  // The lost click: the second module's regions make the screen taller just after it can be used, the portal makes the
  // frame taller, and Chromium then gives the release of a press that began in the frame to the portal. The precautions'
  // OK, pressed as the regions arrive and released once they are drawn, must still turn sync on.
  test('a press held while the second module arrives is still a click', async ({ page }) => {
    const { release, frame, sync, dialog, ok } = await precautionsWhilePanelsHeld(page);
    const box = await ok.boundingBox();
    const main = frame.getByRole('main');
    const before = await main.evaluate((e) => e.getBoundingClientRect().height);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    release();
    await expect(frame.getByRole('region', { name: 'Device readiness' }).getByRole('table')).toBeAttached();
    await expect.poll(() => main.evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(before);
    await drawn(main);
    await drawn(page);
    await page.mouse.up();
    await expect(dialog).toBeHidden();
    await expect(sync).toHaveAttribute('aria-checked', 'true');
    await expect(frame.getByRole('button', { name: 'Save' })).not.toHaveAttribute('aria-disabled', 'true');
    // Released, the portal is told the height the regions made.
    const mainHeight = () => main.evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    const frameHeight = () => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
    await expect.poll(async () => (await frameHeight()) === (await mainHeight())).toBe(true);
  });

  test.describe(() => {
    // A portal's window taller than the screen without the second module's regions: when they come, the part of the
    // frame that shows grows, and the dialogs are centred in it (src/embed/frame.js). An open one stays where it opened,
    // so that the admin's press lands on the button aimed at.
    test.use({ viewport: { width: 1280, height: 1600 } });
    test('an open dialog stays where it opened while the frame grows', async ({ page }) => {
      const { release, frame, sync, ok } = await precautionsWhilePanelsHeld(page);
      const opened = await ok.boundingBox();
      release();
      await expect(frame.getByRole('region', { name: 'Device readiness' }).getByRole('table')).toBeAttached();
      await expect
        .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
        .toBeGreaterThan(1600);
      await drawn(frame.getByRole('main'));
      expect(await ok.boundingBox()).toEqual(opened);
      await ok.click();
      await expect(sync).toHaveAttribute('aria-checked', 'true');
    });
  });

  test('the snippet of docs/embedding.md sizes its frame', async ({ page }) => {
    await page.goto(`${portalURL}/snippet/iframe.html`);
    const frame = page.frameLocator('#mdm-sync');
    await expect(frame.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect.poll(() => page.locator('#mdm-sync').getAttribute('data-last-event')).not.toBeNull();
    // Both read together: the second module's regions may still be making the screen taller.
    const mismatch = async () => {
      const content = await frame.getByRole('main').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
      const shown = await page.locator('#mdm-sync').evaluate((f) => f.getBoundingClientRect().height);
      return shown - content;
    };
    await expect.poll(mismatch, { message: 'the frame is as tall as the screen in it' }).toBe(0);
  });
});

test.describe('sub-path: /admin/mdm/', () => {
  test('deep links, in-app links and reloads work there', async ({ page }) => {
    await page.goto(`${baseURL}/admin/mdm/security/mobile/mdm-sync`);
    await expect(page.getByRole('heading', { level: 1, name: '3rd-party MDM sync' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to Mobile Security' }).click();
    await expect(page).toHaveURL(`${baseURL}/admin/mdm/security/mobile`);
    await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
    await page.goto(`${baseURL}/admin/mdm/`);
    await expect(page).toHaveURL(`${baseURL}/admin/mdm/security/mobile`);
    await page.goto(`${baseURL}/admin/mdm/security/nowhere`);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});
