// Every admin, every device (issue 14, WCAG 2.2 AA), by keyboard alone: each flow with the focus always somewhere
// sensible, and what the admin must know read from the live regions. Each runs on the desktop and the phone project,
// and where text matters in each of the console's languages. Target size (2.5.8) is part of every axe check
// (support.js). What the screen looks like at 320 px, in forced colours, with reduced motion and in the dark theme is
// in accessibility-display.spec.js.
import { test, expect, reset, fault, putSettings, isPhone, expectNoAxeViolations, catalog, fill } from './support.js';
import { baseURL, portalURL } from '../playwright.config.js';
import { expectFocusSomewhere, tabTo, announced } from './focus.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const CUSTOM = 'Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT';
const ON = { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } };
const en = catalog('en');
const kitText = catalog('en', 'panels');
const settings = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());

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
