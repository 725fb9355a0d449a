// Every admin, every device (issue 14, WCAG 2.2 AA): each flow by keyboard alone with the focus always somewhere
// sensible; what the admin must know read from the live regions; reflow at 320 px and the text-spacing overrides;
// forced colours; reduced motion; the dark theme. Each runs on the desktop and the phone project, and where text
// matters in each of the console's languages. Target size (2.5.8) is part of every axe check (support.js).
import { test, expect, reset, fault, putSettings, isPhone, expectNoAxeViolations, catalog, fill } from './support.js';
import { baseURL, portalURL } from '../playwright.config.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const CUSTOM = 'Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT';
const ON = { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } };
const LOCALES = { en: 'en-US', ja: 'ja-JP', ko: 'ko-KR' };
const en = catalog('en');
const kitText = catalog('en', 'panels');
const settings = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());

/** The focused element, looked for through shadow roots: never `body`, and drawn with a visible focus ring. */
async function expectFocusSomewhere(page, what) {
  const focused = await page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return null;
    const style = getComputedStyle(active);
    return { tag: active.localName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
  });
  expect(focused, `the focus is lost to body ${what}`).not.toBeNull();
  expect(focused.ring, `the focus on <${focused.tag}> is not visible ${what}`).toBe(true);
}

/** Tab (forward, or back with Shift) until `target` has the focus, as a keyboard user reaches it. */
async function tabTo(page, target, back = false) {
  for (let i = 0; i < 80; i++) {
    if (
      await target.evaluate(
        (e) => e === document.activeElement || e === document.activeElement?.shadowRoot?.activeElement
      )
    )
      return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The text of the live regions (`role=status` and `role=alert`), as a screen reader hears them. */
async function announced(page) {
  return page.locator('[role=status], [role=alert]').evaluateAll((regions) =>
    regions
      .filter((region) => region.checkVisibility() || region.closest('.mdm-visually-hidden'))
      .map((region) => region.textContent.trim())
      .filter(Boolean)
      .join(' | ')
  );
}

/** In the open Apply dialog, which starts on Cancel: Tab to Apply, and Enter. */
async function applyByKeyboard(page, t = en) {
  const dialog = page.getByRole('dialog', { name: t.confirm_title });
  await expect(dialog.getByRole('button', { name: t.cancel })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: t.apply, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

/** Tab to Save in `scope` (the page, or the element), Enter, and Apply by keyboard; returns Save. */
async function submitByKeyboard(page, scope = page, t = en) {
  const save = scope.getByRole('button', { name: t.save, exact: true });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await applyByKeyboard(page, t);
  return save;
}

/** Save by keyboard, confirm with Apply by keyboard; Save keeps the focus and says Saved. */
async function saveByKeyboard(page, t = en) {
  const save = await submitByKeyboard(page, page, t);
  await expect(page.getByRole('status').filter({ hasText: t.saved })).toBeVisible();
  await expect(save).toBeFocused();
  await expectFocusSomewhere(page, 'after Apply');
}

test.describe('by keyboard alone, the focus always somewhere sensible', () => {
  test('turn on, re-issue, a custom value, the restriction, and turn off', async ({ page, request }) => {
    await page.goto('/security/mobile/mdm-sync');
    const sync = page.getByRole('switch', { name: en.mdm_sync_title });
    await tabTo(page, sync);
    await page.keyboard.press('Space');
    const precautions = page.getByRole('dialog', { name: en.precautions_title });
    await expect(precautions.getByRole('button', { name: en.cancel })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(precautions).toBeHidden();
    await expect(sync).toBeFocused();
    await page.keyboard.press('Space');
    // Each key only once the dialog has the focus: a Tab pressed before it opens would move through the page.
    await expect(precautions.getByRole('button', { name: en.cancel })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(precautions.getByRole('button', { name: en.ok, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sync).toHaveAttribute('aria-checked', 'true');
    await expect(sync).toBeFocused();
    // The key issued on turning on is masked: the status says that there is one, and that it waits for Save.
    expect(await announced(page)).toContain(en.key_reissued);
    await saveByKeyboard(page);
    expect((await settings(request)).enabled).toBe(true);

    const reissue = page.getByRole('button', { name: en.reissue });
    await tabTo(page, reissue);
    await page.keyboard.press('Enter');
    await expect(reissue).toBeFocused();
    expect(await announced(page)).toContain(en.key_reissued);
    await saveByKeyboard(page);
    expect(await announced(page)).not.toContain(en.key_reissued);

    // The radio group: arrows choose; the text box takes the value; a bad one is explained at the field.
    await tabTo(page, page.getByRole('radio', { name: en.key_auto }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: en.key_custom })).toBeChecked();
    const box = page.getByRole('textbox', { name: en.key_value, exact: true });
    await tabTo(page, box);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('short');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#mdm-key-error')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(CUSTOM);
    await expect(box).not.toHaveAttribute('aria-invalid', 'true');
    await saveByKeyboard(page);
    expect((await settings(request)).keyValue).toBe(CUSTOM);

    await tabTo(page, page.getByRole('checkbox', { name: en.restrict_label }));
    await page.keyboard.press('Space');
    await saveByKeyboard(page);
    expect((await settings(request)).restrictOtherDomains).toBe(true);

    await tabTo(page, sync);
    await page.keyboard.press('Space');
    await expect(sync).toHaveAttribute('aria-checked', 'false');
    await saveByKeyboard(page);
    expect((await settings(request)).enabled).toBe(false);
  });

  test('a failed save, and Retry, leave the focus on Save', async ({ page, request }) => {
    await reset(request, ON);
    await page.goto('/security/mobile/mdm-sync');
    await tabTo(page, page.getByRole('checkbox', { name: en.restrict_label }));
    await page.keyboard.press('Space');
    await fault(request, { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 500 });
    const save = await submitByKeyboard(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(en.save_failed);
    await expect(save).toBeFocused();
    await expectFocusSomewhere(page, 'after a failed save');
    expect(await announced(page)).toContain(en.save_failed);
    await tabTo(page, alert.getByRole('button', { name: en.retry }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: en.saved })).toBeVisible();
    await expect(alert).toBeHidden();
    await expect(save).toBeFocused();
    await expectFocusSomewhere(page, 'after Retry');
  });

  for (const choice of ['keep_my_changes', 'reload']) {
    test(`a conflict is announced, and ${en[choice]} leaves the focus on Save`, async ({ page, request }) => {
      await reset(request, ON);
      await page.goto('/security/mobile/mdm-sync');
      await tabTo(page, page.getByRole('checkbox', { name: en.restrict_label }));
      await page.keyboard.press('Space');
      // Another admin saves first.
      expect(
        (
          await putSettings(
            request,
            { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: CUSTOM },
            'e2e-the-other-admin-0001'
          )
        ).status()
      ).toBe(200);
      const save = await submitByKeyboard(page);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(en.save_failed);
      expect(await announced(page)).toMatch(/changed these settings/);
      page.once('dialog', (dialog) => dialog.accept());
      await tabTo(page, alert.getByRole('button', { name: en[choice] }));
      await page.keyboard.press('Enter');
      await expect(alert).toBeHidden();
      await expect(save).toBeFocused();
      await expectFocusSomewhere(page, `after ${en[choice]}`);
    });
  }

  test("a failed load's Retry puts the focus on the page's heading", async ({ page, request }) => {
    await fault(request, { method: 'GET', path: '/api/v1/security/mobile/mdm-sync', times: 3, status: 503 });
    await page.goto('/security/mobile/mdm-sync');
    const retry = page.getByRole('alert').getByRole('button', { name: en.retry });
    await tabTo(page, retry);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('switch', { name: en.mdm_sync_title })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: en.mdm_sync_title })).toBeFocused();
    await page.keyboard.press('Tab');
    await expectFocusSomewhere(page, 'after the first Tab from the heading');
  });

  test('embedded as the element, Save and Apply by keyboard keep the focus inside its shadow root', async ({
    page,
    request,
  }) => {
    await reset(request, ON);
    await page.goto(`${portalURL}/blank.html`);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    await tabTo(page, element.getByRole('checkbox', { name: en.restrict_label }));
    await page.keyboard.press('Space');
    const save = element.getByRole('button', { name: en.save, exact: true });
    await tabTo(page, save, true);
    await page.keyboard.press('Enter');
    await applyByKeyboard(page);
    await expect(element.getByRole('status').filter({ hasText: en.saved })).toBeVisible();
    await expect(save).toBeFocused();
    await expectFocusSomewhere(page, 'in the element, after Apply');
    expect((await settings(request)).restrictOtherDomains).toBe(true);
  });

  test('the phone menu, by keyboard', async ({ page }, testInfo) => {
    test.skip(!isPhone(testInfo), 'the drawer exists under 768 px only');
    await page.goto('/security/mobile/mdm-sync');
    const menu = page.getByRole('button', { name: en.menu });
    await tabTo(page, menu);
    await page.keyboard.press('Enter');
    const link = page.getByRole('navigation').getByRole('link', { name: en.nav_mobile_security });
    await expect(link).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: en.mobile_security_title })).toBeVisible();
    await expectFocusSomewhere(page, 'after navigating from the drawer');
  });

  test('the App Configuration kit, the value check and readiness', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await reset(request, { ...ON, devices: [{ platform: 'ios', management: 'managed', keyValue: KEY, count: 40 }] });
    await page.goto('/security/mobile/mdm-sync');
    const kit = page.getByRole('region', { name: kitText.kit_title });
    // Another MDM, chosen with the arrows; its configuration copied with Enter.
    const mdm = kit.getByRole('combobox', { name: kitText.mdm_solution });
    const first = await mdm.inputValue();
    await tabTo(page, mdm);
    await page.keyboard.press('ArrowDown');
    await expect(mdm).not.toHaveValue(first);
    await tabTo(page, kit.getByRole('button', { name: kitText.copy_configuration }));
    await page.keyboard.press('Enter');
    await expect(kit.getByRole('status').filter({ hasText: en.copied })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(KEY);
    const value = kit.getByRole('textbox', { name: kitText.value_in_mdm });
    await tabTo(page, value);
    await page.keyboard.type(KEY);
    await page.keyboard.press('Tab');
    await expect(kit.getByRole('button', { name: kitText.check_value })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(kit.getByRole('status').filter({ hasText: kitText.verdict_matches })).toBeVisible();
    expect(await announced(page)).toContain(kitText.verdict_matches);
    await expectFocusSomewhere(page, 'after the value check');

    // Readiness is said again when the key changes: a re-issued key is on no device yet.
    const readiness = page.getByRole('region', { name: kitText.readiness_title });
    await expect(readiness.getByRole('status')).toHaveText(
      fill(kitText.readiness_summary.other, { n: '40', total: '40' })
    );
    await tabTo(page, page.getByRole('button', { name: en.reissue }), true);
    await page.keyboard.press('Enter');
    await expect(readiness.getByRole('status')).toHaveText(
      fill(kitText.readiness_summary.other, { n: '0', total: '40' })
    );
  });
});

test.describe('the safe rollout, by keyboard alone', () => {
  const FLEET = [
    { platform: 'ios', management: 'managed', keyValue: KEY, count: 40 },
    { platform: 'ios', management: 'unmanaged', keyValue: null, count: 6 },
  ];

  test('Monitor only, a new key with an overlap, End overlap now, and the report, each by keyboard', async ({
    page,
    request,
  }) => {
    await reset(request, { ...ON, devices: FLEET });
    await page.goto('/security/mobile/mdm-sync');
    // "Enforcement": Tab reaches the checked option, an arrow moves the choice, as in every radio group.
    const enforcement = page.getByRole('radiogroup', { name: kitText.enforcement });
    const enforce = enforcement.getByRole('radio', { name: new RegExp(`^${kitText.enforcement_enforce}`) });
    const monitor = enforcement.getByRole('radio', { name: new RegExp(`^${kitText.enforcement_monitor}`) });
    await tabTo(page, enforce);
    await page.keyboard.press('ArrowUp');
    await expect(monitor).toBeChecked();
    await expect(monitor).toBeFocused();
    await saveByKeyboard(page);
    expect((await settings(request)).enforcement).toBe('monitor');

    // A new key, the previous one kept valid (Space), an overlap chosen with the arrows.
    await tabTo(page, page.getByRole('button', { name: en.reissue }), true);
    await page.keyboard.press('Enter');
    const keep = page.getByRole('checkbox', { name: new RegExp(`^${kitText.keep_previous}`) });
    await tabTo(page, keep);
    await page.keyboard.press('Space');
    await expect(keep).toBeChecked();
    const overlap = page.getByRole('combobox', { name: kitText.overlap });
    await page.keyboard.press('Tab');
    await expect(overlap).toBeFocused();
    const chosen = await overlap.inputValue();
    await page.keyboard.press('ArrowDown');
    await expect(overlap).not.toHaveValue(chosen);
    await saveByKeyboard(page);
    expect((await settings(request)).rotation).not.toBeNull();

    // "End overlap now", through the Apply dialog; the focus lands somewhere sensible when the region goes.
    const rotation = page.getByRole('region', { name: kitText.rotation_title });
    await tabTo(page, rotation.getByRole('button', { name: kitText.end_overlap }));
    await page.keyboard.press('Enter');
    await applyByKeyboard(page);
    await expect(rotation).toBeHidden();
    expect((await settings(request)).rotation).toBeNull();
    await expectFocusSomewhere(page, 'after End overlap now');

    // The report: Period and Reason with the arrows, Load more and Refresh with Enter.
    const report = page.getByRole('region', { name: kitText.signins_title });
    await expect(report.locator('tbody tr').first()).toBeVisible();
    const period = report.getByRole('combobox', { name: kitText.period });
    await tabTo(page, period);
    await page.keyboard.press('ArrowDown');
    await expect(period).not.toHaveValue('7');
    const reason = report.getByRole('combobox', { name: kitText.reason });
    await page.keyboard.press('Tab');
    await expect(reason).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(reason).not.toHaveValue('');
    await tabTo(page, report.getByRole('button', { name: kitText.refresh }));
    await page.keyboard.press('Enter');
    await expectFocusSomewhere(page, 'after Refresh');
    await expectNoAxeViolations(page);
  });
});

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
