// What admins really paste into "Value in your MDM" (issue 19), in English and in Japanese, on the desktop and the
// phone: rows of the table read back from the check's status region; the note at the custom-value field for
// a key that looks like a number; the warning for a key Intune would rewrite on Android, in the kit and at the field.
// The pasted values go nowhere. Every expected text comes from the catalogs (src/i18n/*.json), filled as the console
// fills it.
import { test, expect, reset, expectNoAxeViolations, catalog, fill } from './support.js';

// A recognisable key: it must reach no request, URL, storage or console line, though it is pasted four times.
const KEY = 'CnryQx7vR2mK9pL4sT8wZ3nB6yH1cF5g';
const NAME = 'LineworksAuthCode';
const BROWSER_LOCALE = { en: 'en-US', ja: 'ja-JP' };

async function open(page, request, key) {
  await reset(request, { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: key } });
  await page.goto('/security/mobile/mdm-sync');
}

for (const tag of ['en', 'ja']) {
  const t = catalog(tag);
  const k = catalog(tag, 'panels');

  test.describe(`in ${tag}`, () => {
    test.use({ locale: BROWSER_LOCALE[tag] });

    test("rows of the issue's table get their true verdict, and the pasted values go nowhere", async ({
      page,
      request,
    }) => {
      const consoleText = [];
      page.on('console', (message) => consoleText.push(message.text()));
      const urls = [];
      page.on('request', (r) => urls.push(r.url()));
      await open(page, request, KEY);
      const kit = page.getByRole('region', { name: k.kit_title });
      const value = kit.getByRole('textbox', { name: k.value_in_mdm });
      const status = kit.getByRole('status').filter({ has: page.locator('.mdm-kit__verdict-title') });
      const paste = async (text) => {
        await value.fill(text);
        await kit.getByRole('button', { name: k.check_value }).click();
      };

      // The key, wrapped in quotes: the quotes must go.
      await paste(`"${KEY}"`);
      await expect(status).toContainText(k.verdict_key_but);
      await expect(status).toContainText(fill(k.difference_quoted, { quotes: '" "' }));

      // A plist fragment: the right key under the right name.
      await paste(`<dict><key>${NAME}</key><string>${KEY}</string></dict>`);
      await expect(status.locator('.mdm-kit__verdict-title')).toHaveText(k.verdict_matches);
      await expect(status).toContainText(fill(k.found_in_place, { place: k.wrapper_xml, name: NAME }));

      // A row of a device report: the key is right, the name must be exactly LineworksAuthCode.
      await paste(`lineworksAuthCode\t${KEY}`);
      await expect(status).toContainText(k.verdict_key_but);
      await expect(status).toContainText(fill(k.difference_name_case, { name: 'lineworksAuthCode' }));
      await expect(status).toContainText(
        fill(k.found_in_place, { place: k.wrapper_columns, name: 'lineworksAuthCode' })
      );
      await expectNoAxeViolations(page);

      // The draft, not saved yet, with a line break.
      const draft = 'Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT';
      await page.getByRole('textbox', { name: t.key_value, exact: true }).fill(draft);
      await paste(`${draft}\n`);
      await expect(status).toContainText(k.verdict_draft_but);
      await expect(status).toContainText(k.difference_line_breaks);

      // Nothing pasted went anywhere.
      await page.goto('/security/mobile');
      expect(urls.filter((u) => u.includes(KEY) || u.includes(draft))).toEqual([]);
      const storage = await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
      );
      expect(storage).not.toContain(KEY);
      expect(consoleText.filter((text) => text.includes(KEY))).toEqual([]);
      const requests = await (await request.get('/__mock/requests')).json();
      expect(JSON.stringify(requests)).not.toContain(KEY);
      expect(JSON.stringify(requests)).not.toContain(draft);
    });

    test('a yen sign typed for a backslash is named, with its position', async ({ page, request }) => {
      await open(page, request, 'Lw\\2024\\Auth\\Key9');
      const kit = page.getByRole('region', { name: k.kit_title });
      await kit.getByRole('textbox', { name: k.value_in_mdm }).fill('Lw¥2024¥Auth¥Key9');
      await kit.getByRole('button', { name: k.check_value }).click();
      const number = new Intl.NumberFormat(tag).format(3);
      await expect(kit.getByRole('status').filter({ hasText: k.verdict_key_but })).toContainText(
        fill(k.difference_yen, { position: number })
      );
    });

    test('the custom-value field notes a key that looks like a number, and does not refuse it', async ({ page }) => {
      await page.goto('/security/mobile/mdm-sync');
      await page.getByRole('switch', { name: t.mdm_sync_title }).click();
      await page.getByRole('dialog').getByRole('button', { name: t.ok }).click();
      await page.getByRole('radio', { name: t.key_custom }).check();
      const field = page.getByRole('textbox', { name: t.key_value, exact: true });
      await field.fill('0012345678901234567');
      await expect(page.getByText(k.key_number_note)).toBeVisible();
      await expect(field).toHaveAccessibleDescription(k.key_number_note);
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('button', { name: t.save, exact: true })).not.toHaveAttribute(
        'aria-disabled',
        'true'
      );
      await field.fill('1.23456789012E+18');
      await expect(page.getByText(k.key_number_note)).toBeVisible();
      await field.fill('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA');
      await expect(page.getByText(k.key_number_note)).toBeHidden();
      await expectNoAxeViolations(page);
    });

    test('a key Intune would rewrite on Android is warned about, in the kit and at the field', async ({
      page,
      request,
    }) => {
      const key = 'Qx7v{{userprincipalname}}sT8w';
      await open(page, request, key);
      const kit = page.getByRole('region', { name: k.kit_title });
      await kit.getByRole('combobox', { name: k.mdm_solution }).selectOption({ label: k.mdm_intune_android });
      const mdm = k.mdm_intune_android;
      // Masked, the syntax stands for the part of the key.
      await expect(kit.getByRole('alert')).toHaveText(fill(k.rewrite_warning, { mdm, syntax: '{{…}}', part: '{{…}}' }));
      const rewriting = [k.mdm_intune_ios, k.mdm_intune_android, k.mdm_workspace_one, k.mdm_appconfig_specfile];
      const atField = fill(k.field_rewrite_warning, { part: '{{…}}', mdms: rewriting.join(k.list_separator) });
      await expect(page.getByText(atField)).toBeVisible();
      // Shown, the part itself.
      await page.getByRole('button', { name: t.show_key }).click();
      await expect(kit.getByRole('alert')).toHaveText(
        fill(k.rewrite_warning, { mdm, syntax: '{{…}}', part: '{{userprincipalname}}' })
      );
      await expect(
        page.getByText(
          fill(k.field_rewrite_warning, { part: '{{userprincipalname}}', mdms: rewriting.join(k.list_separator) })
        )
      ).toBeVisible();
      // The Android Management API substitutes nothing.
      await kit.getByRole('combobox', { name: k.mdm_solution }).selectOption({ label: k.mdm_android_management });
      await expect(kit.getByRole('alert')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });

    test("every MDM's steps begin with making the app a managed app", async ({ page, request }) => {
      await open(page, request, KEY);
      const kit = page.getByRole('region', { name: k.kit_title });
      const mdms = [
        'intune_ios',
        'intune_android',
        'jamf_pro',
        'workspace_one',
        'ivanti_epmm',
        'android_management',
        'appconfig_specfile',
      ];
      for (const mdm of mdms) {
        await kit.getByRole('combobox', { name: k.mdm_solution }).selectOption({ label: k[`mdm_${mdm}`] });
        await expect(kit.locator('.mdm-steps > li').first()).toHaveText(k[`steps_${mdm}_managed`]);
      }
    });
  });
}
