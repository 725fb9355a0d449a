// What the accessibility specs ask of the focus and the live regions, as a keyboard and screen reader user meets
// them (accessibility-keyboard.spec.js, accessibility-display.spec.js).
import { expect } from './support.js';

/** The focused element, looked for through shadow roots: never `body`, and drawn with a visible focus ring. */
export async function expectFocusSomewhere(page, what) {
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
export async function tabTo(page, target, back = false) {
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
export async function announced(page) {
  return page.locator('[role=status], [role=alert]').evaluateAll((regions) =>
    regions
      .filter((region) => region.checkVisibility() || region.closest('.mdm-visually-hidden'))
      .map((region) => region.textContent.trim())
      .filter(Boolean)
      .join(' | ')
  );
}
