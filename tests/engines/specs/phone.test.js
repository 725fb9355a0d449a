// A phone-sized window: the Menu (☰) button opens the navigation as a drawer, Save stays in view (sticky), and nothing
// scrolls sideways. The engines do not shrink a window below their toolbar's width (headless Firefox gave 500 px for
// 390, MiniBrowser 447): the window test asserts the phone layout at the width it got, and exact phone widths (390 and
// 320 CSS px) are reached with a frame of that width around the standalone page, whose viewport is the frame.
import { describe, test } from 'node:test';
import { assert, useBrowser, openSettings, sidewaysOverflow, waitAttr, ENGINE } from '../lib/console.js';
import { waitUntil, Key } from '../lib/browser.js';
import { MOCK_URL, PORTAL_URL, SETTINGS, reset } from '../lib/servers.js';

describe(`a phone-sized window in ${ENGINE}`, () => {
  const held = useBrowser({ window: { width: 390, height: 844 } });

  test('Menu opens the navigation, Escape closes it; Save stays in view; no sideways scroll', async (t) => {
    const b = held.browser;
    t.diagnostic(`viewport got for a 390 × 844 window: ${b.viewport.width} × ${b.viewport.height} CSS px`);
    assert.ok(b.viewport.width < 768, `a phone layout needs a viewport under 768 px, got ${b.viewport.width}`);
    await openSettings(b);
    assert.equal((await b.all('link', 'Mobile Security')).length, 0, 'the side navigation is hidden');
    const menu = await b.get('button', 'Menu');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await b.clickElement(menu);
    await waitAttr(menu, 'aria-expanded', 'true');
    const nav = await b.within('navigation', null);
    const link = await nav.get('link', 'Mobile Security');
    await waitUntil(() => b.isFocused(link), "the focus on the drawer's first link");
    await b.driver.actions().sendKeys(Key.ESCAPE).perform();
    await waitAttr(menu, 'aria-expanded', 'false');
    await waitUntil(() => b.isFocused(menu), 'the focus back on Menu');
    await b.gone('link', 'Mobile Security');

    // Sticky Save: scrolled to the bottom of the screen, Save is still inside the viewport.
    const save = await b.get('button', 'Save');
    await b.driver.executeScript('window.scrollTo(0, document.documentElement.scrollHeight)');
    const placed = await b.driver.executeScript(
      `const r = arguments[0].getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, scrolled: scrollY, height: innerHeight }`,
      save
    );
    assert.ok(placed.scrolled > 0, `the screen is taller than the window (scrolled ${placed.scrolled})`);
    assert.ok(
      placed.top >= 0 && placed.bottom <= placed.height,
      `Save in view after scrolling: ${JSON.stringify(placed)}`
    );
    assert.ok((await sidewaysOverflow(b)) <= 0, 'no sideways scroll');

    // Navigating from the drawer closes it and lands on the page.
    await b.clickElement(menu);
    await (await b.within('navigation', null)).click('link', 'Mobile Security');
    await b.get('heading', 'Mobile Security');
    await waitAttr(menu, 'aria-expanded', 'false');
  });

  for (const width of [390, 320]) {
    test(`at exactly ${width} CSS px (a frame of that width): Menu, and no sideways scroll with the precautions open`, async () => {
      const b = held.browser;
      await reset();
      await b.frame(null);
      await b.open(`${PORTAL_URL}/frame.html?src=${encodeURIComponent(`${MOCK_URL}${SETTINGS}`)}`);
      const frame = await b.driver.executeScript(`const f = document.querySelector('iframe');
        Object.assign(f.style, { width: '${width}px', height: '700px', border: '0', display: 'block' });
        return f;`);
      await b.frame(frame);
      try {
        const sync = await waitUntil(
          async () => (await b.all('switch', '3rd-party MDM sync'))[0],
          'the switch in the frame',
          20_000
        );
        const got = await b.driver.executeScript('return innerWidth');
        assert.equal(got, width, "the frame's viewport");
        await b.get('button', 'Menu');
        assert.ok((await sidewaysOverflow(b)) <= 0, 'no sideways scroll on the screen');
        await b.clickElement(sync);
        const precautions = await b.within('dialog', 'Turn on 3rd-party MDM sync?');
        await precautions.get('button', 'OK');
        assert.ok((await sidewaysOverflow(b)) <= 0, 'no sideways scroll with the precautions open');
        const outside = await b.driver.executeScript(
          `return [...arguments[0].querySelectorAll('*')]
          .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5); })
          .map((e) => e.tagName + '.' + e.className)`,
          precautions.root
        );
        assert.deepEqual(outside, [], 'nothing of the dialog outside the viewport');
      } finally {
        await b.frame(null);
      }
    });
  }
});
