// Every admin, every device (issue 14, WCAG 2.2 AA), as the screen is drawn: reflow at 320 px and the text-spacing
// overrides; forced colours; reduced motion; the dark theme; target size. Each runs on the desktop and the phone
// project. The flows by keyboard alone are in accessibility-keyboard.spec.js.
import { test, expect, reset, fault, expectNoAxeViolations, catalog } from './support.js';
import { baseURL } from '../playwright.config.js';
import { expectFocusSomewhere, tabTo, announced } from './focus.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const ON = { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } };
const LOCALES = { en: 'en-US', ja: 'ja-JP', ko: 'ko-KR' };
const en = catalog('en');
const kitText = catalog('en', 'panels');

test.describe('at 320 px, in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('a running key rotation and the sign-in checks reflow', async ({ page, request }) => {
    const t = catalog('ja');
    const x = catalog('ja', 'panels');
    await reset(request, { ...ON, devices: [{ platform: 'ios', management: 'unmanaged', keyValue: null, count: 6 }] });
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/security/mobile/mdm-sync');
    await page.getByRole('button', { name: t.reissue }).click();
    await page.getByRole('checkbox', { name: new RegExp(`^${x.keep_previous}`) }).check();
    await expectReflow(page, 'with the overlap controls');
    await page.getByRole('button', { name: t.save, exact: true }).click();
    await expect(page.getByRole('dialog', { name: t.confirm_title })).toBeVisible();
    await expectReflow(page, 'with the Apply dialog of an overlap');
    await page
      .getByRole('dialog', { name: t.confirm_title })
      .getByRole('button', { name: t.apply, exact: true })
      .click();
    await expect(page.getByRole('region', { name: x.rotation_title })).toBeVisible();
    await expect(page.getByRole('region', { name: x.signins_title }).locator('tbody tr').first()).toBeVisible();
    await textSpacing(page);
    await expectReflow(page, 'with Key rotation and Sign-in checks, text spacing');
    await expectNoAxeViolations(page);
  });
});

for (const [tag, locale] of Object.entries(LOCALES)) {
  const t = catalog(tag);

  test.describe(`reflow and text spacing, in ${tag}`, () => {
    test.use({ locale });

    test('at 320 px with the text-spacing overrides, nothing scrolls sideways, clips or is cut off', async ({
      page,
      request,
    }) => {
      await reset(request, ON);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto('/security/mobile/mdm-sync');
      await expect(page.getByRole('switch', { name: t.mdm_sync_title })).toBeVisible();
      for (const spacing of [false, true]) {
        if (spacing) await textSpacing(page);
        await expectReflow(page, `at 320 px${spacing ? ' with text spacing' : ''}`);
        await page.getByRole('button', { name: t.reissue }).click();
        await page.getByRole('button', { name: t.save, exact: true }).click();
        await expect(page.getByRole('dialog', { name: t.confirm_title })).toBeVisible();
        await expectReflow(page, `with the Apply dialog open${spacing ? ', text spacing' : ''}`);
        await page.keyboard.press('Escape');
      }
      await expectNoAxeViolations(page);
    });
  });

  test.describe(`announcements, in ${tag}`, () => {
    test.use({ locale });

    test('saved, a new key, copied, a failed save: each in a live region', async ({ page, request, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
      await reset(request, ON);
      await page.goto('/security/mobile/mdm-sync');
      await page.getByRole('button', { name: t.reissue }).click();
      await expect(page.getByRole('status').filter({ hasText: t.key_reissued })).toBeVisible();
      await page.getByRole('button', { name: t.copy_key }).click();
      await expect(page.getByRole('status').filter({ hasText: t.copied })).toBeVisible();
      await fault(request, { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 500 });
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await page
        .getByRole('dialog', { name: t.confirm_title })
        .getByRole('button', { name: t.apply, exact: true })
        .click();
      await expect(page.getByRole('alert')).toContainText(t.save_failed);
      // The draft's new key still waits to be saved, and says so.
      expect(await announced(page)).toContain(t.key_reissued);
      await page.getByRole('alert').getByRole('button', { name: t.retry }).click();
      await expect(page.getByRole('status').filter({ hasText: t.saved })).toBeVisible();
    });
  });
}

/** WCAG 1.4.12's overrides, as a user style sheet would set them (through the CSSOM: the CSP refuses inline styles). */
async function textSpacing(page) {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p, li { margin-bottom: 2em !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

/** No sideways scroll; no control or text cut off by its box or pushed out of the viewport. */
async function expectReflow(page, when) {
  const problems = await page.evaluate(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      found.push(`the page scrolls sideways by ${root.scrollWidth - root.clientWidth} px`);
    const dialog = document.querySelector('dialog[open]');
    const scope = dialog ?? document.body;
    // A named scroll region that the keyboard reaches: a data table's columns may run on inside it (WCAG 1.4.10
    // excepts two-dimensional content), as long as the region itself stays in the viewport.
    const isRegion = (element) =>
      element.tabIndex >= 0 &&
      getComputedStyle(element).overflowX !== 'visible' &&
      (element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby'));
    const inRegion = (element) => {
      for (let up = element.parentElement; up; up = up.parentElement) if (isRegion(up)) return true;
      return false;
    };
    for (const element of [scope, ...scope.querySelectorAll('*')]) {
      const box = element.getBoundingClientRect();
      if (!box.width || !box.height || element.closest('.mdm-visually-hidden')) continue;
      const style = getComputedStyle(element);
      const name = `<${element.localName} class="${element.className}"> "${element.textContent.trim().slice(0, 30)}"`;
      if ((box.left < -1 || box.right > root.clientWidth + 1) && !inRegion(element))
        found.push(`${name} reaches outside the viewport`);
      const clips = (overflow) => overflow !== 'visible';
      const text = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (text && clips(style.overflowX) && element.scrollWidth > element.clientWidth + 1)
        found.push(`${name} clips its text sideways`);
      if (text && clips(style.overflowY) && element.scrollHeight > element.clientHeight + 1)
        found.push(`${name} clips its text`);
      // A box that scrolls sideways is a reflow failure, unless it is a named scroll region the keyboard reaches, or
      // a text field, whose value scrolls under the caret as in every form.
      const region =
        element.tabIndex >= 0 && (element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby'));
      const field = element.matches('input, textarea, select');
      if (clips(style.overflowX) && element.scrollWidth > element.clientWidth + 1 && !region && !field) {
        found.push(`${name} scrolls sideways`);
      }
    }
    return found;
  });
  expect(problems, `reflow ${when}`).toEqual([]);
}

test.describe('forced colours (Windows high contrast)', () => {
  test.use({ forcedColors: 'active' });

  test("the switch shows its state, focus rings, the dialogs' borders and the masked key stay visible", async ({
    page,
    request,
  }) => {
    await page.goto('/security/mobile/mdm-sync');
    const sync = page.getByRole('switch', { name: en.mdm_sync_title });
    const drawn = () =>
      sync.evaluate((track) => {
        const thumb = track.firstElementChild;
        const [t, h] = [getComputedStyle(track), getComputedStyle(thumb)];
        return {
          border: parseFloat(t.borderTopWidth),
          borderColor: t.borderTopColor,
          track: t.backgroundColor,
          thumb: h.backgroundColor,
          thumbLeft: Math.round(thumb.getBoundingClientRect().left - track.getBoundingClientRect().left),
        };
      });
    const off = await drawn();
    expect(off.border, 'the track has an outline').toBeGreaterThanOrEqual(1);
    expect(off.thumb, 'the thumb stands out from the track').not.toBe(off.track);
    const offShot = await sync.screenshot();
    await sync.click();
    await page
      .getByRole('dialog', { name: en.precautions_title })
      .getByRole('button', { name: en.ok, exact: true })
      .click();
    await expect(sync).toHaveAttribute('aria-checked', 'true');
    await page.waitForFunction(() => document.getAnimations().length === 0);
    const on = await drawn();
    expect(on.track, 'on is filled, not only moved').not.toBe(off.track);
    expect(on.thumb).not.toBe(on.track);
    expect(on.thumbLeft, 'the thumb moves to the side of the state').toBeGreaterThan(off.thumbLeft);
    expect((await sync.screenshot()).equals(offShot), 'on and off look different').toBe(false);

    await sync.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expectFocusSomewhere(page, 'in forced colours');

    const input = page.getByRole('textbox', { name: en.key_value, exact: true });
    const masked = await input.evaluate((e) => {
      const style = getComputedStyle(e);
      return {
        security: style.webkitTextSecurity,
        color: style.color,
        background: style.backgroundColor,
        border: parseFloat(style.borderTopWidth),
      };
    });
    expect(masked.security).toBe('disc');
    expect(masked.color).not.toBe(masked.background);
    expect(masked.border).toBeGreaterThanOrEqual(1);

    await tabTo(page, page.getByRole('button', { name: en.save, exact: true }), true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: en.confirm_title });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((e) => parseFloat(getComputedStyle(e).borderTopWidth))).toBeGreaterThanOrEqual(1);
    await expectFocusSomewhere(page, 'in the dialog, in forced colours');
  });
});

test.describe('forced colours, the safe rollout', () => {
  test.use({ forcedColors: 'active' });

  test("the rollout's choices, the rotation and the chart stay visible", async ({ page, request }) => {
    await reset(request, { ...ON, devices: [{ platform: 'ios', management: 'unmanaged', keyValue: null, count: 6 }] });
    await page.goto('/security/mobile/mdm-sync');
    const monitor = page.getByRole('radio', { name: new RegExp(`^${kitText.enforcement_monitor}`) });
    await monitor.check();
    const shot = await monitor.screenshot();
    await page.getByRole('radio', { name: new RegExp(`^${kitText.enforcement_enforce}`) }).check();
    expect((await monitor.screenshot()).equals(shot), 'checked and not checked look different').toBe(false);
    await monitor.check();
    await page.getByRole('button', { name: en.reissue }).click();
    const keep = page.getByRole('checkbox', { name: new RegExp(`^${kitText.keep_previous}`) });
    await tabTo(page, keep);
    await expectFocusSomewhere(page, 'on the check box, in forced colours');
    await keep.check();
    const overlap = page.getByRole('combobox', { name: kitText.overlap });
    expect(
      await overlap.evaluate((e) => parseFloat(getComputedStyle(e).borderTopWidth)),
      'the select has its border'
    ).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await page
      .getByRole('dialog', { name: en.confirm_title })
      .getByRole('button', { name: en.apply, exact: true })
      .click();
    const rotation = page.getByRole('region', { name: kitText.rotation_title });
    await expect(rotation).toBeVisible();
    expect(
      await rotation.evaluate((e) => parseFloat(getComputedStyle(e).borderTopWidth)),
      'the region has its border'
    ).toBeGreaterThanOrEqual(1);
    // The chart's bars are drawn in the text's colour, not the page's background, where colours are forced.
    const report = page.getByRole('region', { name: kitText.signins_title });
    await expect(report.locator('tbody tr').first()).toBeVisible();
    const bars = await report
      .locator('.mdm-signins__bars > *')
      .evaluateAll((all) =>
        all
          .filter((bar) => bar.getBoundingClientRect().height > 1)
          .map((bar) => [
            getComputedStyle(bar).backgroundColor,
            getComputedStyle(bar.parentElement.closest('section')).backgroundColor,
          ])
      );
    expect(bars.length, 'some day has refusals').toBeGreaterThan(0);
    for (const [bar, page] of bars) expect(bar, 'a bar stands out from its region').not.toBe(page);
  });
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the switch does not slide', async ({ page }) => {
    await page.goto('/security/mobile/mdm-sync');
    const thumb = page.getByRole('switch', { name: en.mdm_sync_title }).locator('span');
    expect(await thumb.evaluate((e) => getComputedStyle(e).transitionDuration)).toBe('0s');
  });
});

test('without a preference, the switch slides', async ({ page }) => {
  await page.goto('/security/mobile/mdm-sync');
  const thumb = page.getByRole('switch', { name: en.mdm_sync_title }).locator('span');
  expect(await thumb.evaluate((e) => getComputedStyle(e).transitionDuration)).not.toBe('0s');
});

test.describe('the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  const luminance = (page, locator) =>
    locator.evaluate((e) => {
      const [r, g, b] = getComputedStyle(e).backgroundColor.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });

  test('the standalone console follows the system, and passes axe in every state', async ({ page, request }) => {
    await reset(request, ON);
    await page.goto('/security/mobile');
    expect(await luminance(page, page.locator('body'))).toBeLessThan(0.2);
    await expectNoAxeViolations(page);
    await page.goto('/security/mobile/mdm-sync');
    await expect(page.getByRole('region', { name: kitText.kit_title })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('checkbox', { name: en.restrict_label }).check();
    await fault(request, { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 500 });
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await expect(page.getByRole('dialog', { name: en.confirm_title })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: en.apply, exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the iframe mode stays light unless the portal asks for dark', async ({ page }) => {
    await page.goto('/security/mobile/mdm-sync?embed=1');
    await expect(page.getByRole('switch', { name: en.mdm_sync_title })).toBeVisible();
    expect(await luminance(page, page.locator('body'))).toBeGreaterThan(0.8);
    await page.goto('/security/mobile/mdm-sync?embed=1&theme=auto');
    await expect(page.getByRole('switch', { name: en.mdm_sync_title })).toBeVisible();
    expect(await luminance(page, page.locator('body'))).toBeLessThan(0.2);
  });
});

test('every target is at least 24 by 24 px, or has room around it (axe target-size, WCAG 2.5.8)', async ({
  page,
  request,
}) => {
  await reset(request, ON);
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('region', { name: kitText.kit_title })).toBeVisible();
  await expectNoAxeViolations(page);
  const small = await page.locator('button, a[href], input, select, [role=switch]').evaluateAll((controls) =>
    controls
      .filter((c) => c.checkVisibility() && !c.closest('.mdm-visually-hidden'))
      .map((c) => [c, c.getBoundingClientRect()])
      .filter(([c, box]) => box.width < 24 || box.height < 24)
      // A link in a sentence is exempt (2.5.8's inline exception).
      .filter(([c]) => !(c.localName === 'a' && getComputedStyle(c).display === 'inline'))
      // A checkbox or radio is pressed through its label too, which is the target the admin sees.
      .filter(
        ([c]) =>
          !(c.type === 'checkbox' || c.type === 'radio') || c.closest('label').getBoundingClientRect().height < 24
      )
      .map(
        ([c, box]) =>
          `<${c.localName}> ${c.textContent.trim() || c.getAttribute('aria-label') || c.type} ${box.width}×${box.height}`
      )
  );
  expect(small).toEqual([]);
});
