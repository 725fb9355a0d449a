// public/, which index.html's copy-dir puts into the build as it is: the favicon (SVG) and its ICO fallback, the
// touch icon, the web app manifest and its icons, and robots.txt, at / and in the sub-path build under /admin/mdm/;
// the page's noindex; and that only the standalone page gets them, never a portal. Every test also ends with no CSP
// violation (support.js): the icons are drawn under the page's img-src, and the browser reads the manifest itself,
// under manifest-src.
import { readFileSync, readdirSync } from 'node:fs';
import { test, expect } from './support.js';
import { baseURL, portalURL } from '../playwright.config.js';
import { favicon, onDemand } from '../../tools/budget.mjs';

const publicFiles = readdirSync(new URL('../../../public/', import.meta.url));

/** A colour token of style/tokens.css as `{ light, dark }`: the icons, the manifest and the theme-color follow them. */
function token(name) {
  const css = readFileSync(new URL('../../../style/tokens.css', import.meta.url), 'utf8');
  const hex = '(#[0-9a-f]{6})';
  const found = css.match(new RegExp(`--${name}:\\s*light-dark\\(\\s*${hex}\\s*,\\s*${hex}\\s*\\)`, 'i'));
  expect(found, `--${name} in style/tokens.css`).toBeTruthy();
  return { light: found[1].toLowerCase(), dark: found[2].toLowerCase() };
}
const accent = token('mdm-color-accent');
const onAccent = token('mdm-color-accent-text');
const surface = token('mdm-color-surface');
const background = token('mdm-color-bg');

function expectColor(pixel, hex, what) {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const near = pixel[3] === 255 && expected.every((value, i) => Math.abs(value - pixel[i]) <= 2);
  expect(near, `${what}: rgba(${pixel.join(', ')}), expected ${hex}`).toBe(true);
}

/** A GET of `url` outside the page: 200, of `type`, with a body, which it returns. */
async function expectServed(page, url, type) {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toBe(type);
  const body = await response.body();
  expect(body.length, url).toBeGreaterThan(0);
  return body;
}

/**
 * `url` decoded in the page, as an <img> under its CSP, and drawn on a canvas: its natural size, and the colours of
 * the glyph's parts, read at points of its 32-unit design grid (tests/tools/icons.py, public/icon.svg).
 */
function draw(page, url) {
  return page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const at = (x, y) => [
      ...context.getImageData(Math.floor((x * canvas.width) / 32), Math.floor((y * canvas.height) / 32), 1, 1).data,
    ];
    return {
      size: `${image.naturalWidth}x${image.naturalHeight}`,
      background: at(3, 16),
      shield: at(16, 8),
      keyhole: at(16, 13.5),
      corner: at(0, 0),
    };
  }, url);
}

function expectGlyph(drawn, scheme, what) {
  expectColor(drawn.background, accent[scheme], `${what}, background`);
  expectColor(drawn.shield, onAccent[scheme], `${what}, shield`);
  expectColor(drawn.keyhole, accent[scheme], `${what}, keyhole`);
}

const links = (page, selector) =>
  page
    .locator(`head ${selector}`)
    .evaluateAll((elements) =>
      elements.map((e) => ({ href: e.href, type: e.type || null, sizes: e.getAttribute('sizes') }))
    );

for (const root of ['/', '/admin/mdm/']) {
  const at = (path) => `${baseURL}${root}${path}`;

  test.describe(`public/ at ${root}`, () => {
    test('the page links an SVG favicon and an ICO fallback, which load and draw', async ({ page }) => {
      await page.goto(root);
      await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
      // Relative hrefs, resolved against the <base> of the build's public URL.
      expect(await links(page, 'link[rel~="icon"]')).toEqual([
        { href: at('favicon.ico'), type: null, sizes: '32x32' },
        { href: at('icon.svg'), type: 'image/svg+xml', sizes: null },
      ]);
      for (const [file, type] of [
        ['favicon.ico', 'image/x-icon'],
        ['icon.svg', 'image/svg+xml'],
      ]) {
        await expectServed(page, at(file), type);
        const drawn = await draw(page, at(file));
        expect(drawn.size, file).toBe('32x32');
        expectGlyph(drawn, 'light', file);
        // A rounded square: the corners show the tab strip.
        expect(drawn.corner[3], `${file}, corner`).toBe(0);
      }
    });

    test('the touch icon loads at 180×180, full-bleed', async ({ page }) => {
      await page.goto(root);
      expect(await links(page, 'link[rel="apple-touch-icon"]')).toEqual([
        { href: at('apple-touch-icon.png'), type: null, sizes: null },
      ]);
      await expectServed(page, at('apple-touch-icon.png'), 'image/png');
      const drawn = await draw(page, at('apple-touch-icon.png'));
      expect(drawn.size).toBe('180x180');
      expectGlyph(drawn, 'light', 'apple-touch-icon.png');
      // iOS rounds the corners itself; transparent ones would turn black.
      expectColor(drawn.corner, accent.light, 'apple-touch-icon.png, corner');
    });

    test('the manifest names the console, its icons load at their sizes, it starts at the root', async ({ page }) => {
      await page.goto(root);
      const [link] = await links(page, 'link[rel="manifest"]');
      expect(link.href).toBe(at('manifest.webmanifest'));
      const manifest = JSON.parse((await expectServed(page, link.href, 'application/manifest+json')).toString('utf8'));
      expect(manifest).toMatchObject({
        name: 'LINE WORKS MDM sync',
        short_name: 'MDM sync',
        display: 'standalone',
        // The phone top bar and the page behind the first screen, in the light theme.
        theme_color: surface.light,
        background_color: background.light,
      });
      // Relative to the manifest's own URL, so that each build's manifest names its own root.
      expect(new URL(manifest.start_url, link.href).href).toBe(at(''));
      expect(new URL(manifest.scope, link.href).href).toBe(at(''));
      expect(manifest.icons.map((icon) => icon.sizes).sort()).toEqual(['192x192', '512x512']);
      for (const icon of manifest.icons) {
        const url = new URL(icon.src, link.href).href;
        expect(url.startsWith(at(''))).toBe(true);
        await expectServed(page, url, icon.type);
        const drawn = await draw(page, url);
        expect(drawn.size, icon.src).toBe(icon.sizes);
        expectGlyph(drawn, 'light', icon.src);
      }
      // The browser's own reading: fetched under the page's CSP (manifest-src), without an error, with the same URLs.
      const cdp = await page.context().newCDPSession(page);
      const read = await cdp.send('Page.getAppManifest');
      expect(read.url).toBe(link.href);
      expect(read.errors).toEqual([]);
      expect(read.manifest).toMatchObject({ startUrl: at(''), scope: at(''), id: at(''), name: 'LINE WORKS MDM sync' });
      expect(read.manifest.icons.map((icon) => icon.url)).toEqual([at('icon-192.png'), at('icon-512.png')]);
      // Nothing keeps it from being installed, but Playwright's context itself: Chrome installs nothing off the record.
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
      // The browser's bar takes the top bar's colour in either theme.
      expect(
        await page
          .locator('head meta[name="theme-color"]')
          .evaluateAll((metas) => metas.map((meta) => [meta.media, meta.content]))
      ).toEqual([
        ['(prefers-color-scheme: light)', surface.light],
        ['(prefers-color-scheme: dark)', surface.dark],
      ]);
    });

    test('robots.txt disallows everything; the page says noindex in a meta and in X-Robots-Tag', async ({ page }) => {
      for (const path of ['', 'security/mobile/mdm-sync']) {
        const response = await page.goto(`${root}${path}`);
        expect(response.headers()['x-robots-tag'], path).toBe('noindex, nofollow');
        await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
      }
      const robots = await expectServed(page, at('robots.txt'), 'text/plain; charset=utf-8');
      const rules = robots
        .toString('utf8')
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter(Boolean);
      expect(rules).toEqual(['User-agent: *', 'Disallow: /']);
    });

    test('a first load fetches the SVG favicon and nothing else of public/, as the budget counts', async ({ page }) => {
      const fetched = [];
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await page.goto(`${root}security/mobile/mdm-sync`);
      await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const publicFetched = () =>
        fetched
          .filter((path) => publicFiles.some((name) => path === `${root}${name}`))
          .map((path) => path.slice(root.length));
      await expect.poll(publicFetched).toEqual(['icon.svg']);
      // tests/tools/budget.mjs: the favicon is part of the standalone first load, the rest of public/ of none.
      expect(favicon.some((pattern) => pattern.test('icon.svg'))).toBe(true);
      for (const name of publicFiles.filter((name) => name !== 'icon.svg' && name !== 'favicon.ico')) {
        expect(
          onDemand.some((pattern) => pattern.test(name)),
          `${name} counted on demand`
        ).toBe(true);
      }
    });
  });

  test.describe(`public/ at ${root}, dark`, () => {
    test.use({ colorScheme: 'dark' });

    test('the SVG favicon takes the dark accent; the ICO keeps the light one', async ({ page }) => {
      await page.goto(root);
      expectGlyph(await draw(page, at('icon.svg')), 'dark', 'icon.svg');
      expectGlyph(await draw(page, at('favicon.ico')), 'light', 'favicon.ico');
    });
  });
}

test("the element and the iframe mode add no icon, manifest or robots meta to a portal's page", async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const framed = `${baseURL}/security/mobile/mdm-sync?embed=1`;
  const pages = [
    [
      `${portalURL}/snippet/script-embed.html`,
      () => page.locator('mdm-sync-settings').getByRole('button', { name: 'Save' }),
    ],
    [
      `${portalURL}/frame.html?src=${encodeURIComponent(framed)}`,
      () => page.frameLocator('iframe[title="3rd-party MDM sync settings"]').getByRole('button', { name: 'Save' }),
    ],
  ];
  for (const [url, save] of pages) {
    await page.goto(url);
    await expect(save()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const added = page.locator(
      'link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"], ' +
        'meta[name="theme-color"], meta[name="robots"]'
    );
    await expect(added, url).toHaveCount(0);
  }
  // Not even the framed console's own page, which links them: browsers take a favicon from the top document only,
  // which is why the budget counts none for the iframe mode.
  expect(fetched.filter((path) => publicFiles.some((name) => path.endsWith(`/${name}`)))).toEqual([]);
});
