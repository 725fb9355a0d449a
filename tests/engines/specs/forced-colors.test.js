// Forced colours (Windows' high contrast themes, and Firefox's "Override the colours specified by the page: Always",
// browser.display.document_color_use = 2, which turns forced-colors: active on in any Firefox). In Firefox: the
// switch still shows its state with an outline and a thumb of its own colour, and on and off look different. WebKit
// has no forced-colours mode (neither has Safari): the media feature is known and never active, which is asserted.
import { describe, test } from 'node:test';
import { assert, useBrowser, openSettings, turnOn, ENGINE } from '../lib/console.js';
import { waitUntil } from '../lib/browser.js';

describe(`forced colours in ${ENGINE}`, () => {
  const held = useBrowser(ENGINE === 'firefox' ? { firefoxPrefs: { 'browser.display.document_color_use': 2 } } : {});

  test(
    ENGINE === 'firefox'
      ? 'forced colours on: the switch has an outline and a thumb of its own colour, and on and off look different'
      : "no forced-colours mode: (forced-colors: none) matches, so the console's forced-colors rules never apply",
    async () => {
      const b = held.browser;
      const sync = await openSettings(b);
      const active = await b.driver.executeScript('return matchMedia("(forced-colors: active)").matches');
      if (ENGINE === 'webkit') {
        assert.equal(active, false);
        assert.equal(await b.driver.executeScript('return matchMedia("(forced-colors: none)").matches'), true);
        return;
      }
      assert.equal(active, true, 'forced-colors: active with document_color_use = 2');
      const drawn = () =>
        b.driver.executeScript(
          `
      const track = arguments[0], thumb = track.firstElementChild;
      const [t, h] = [getComputedStyle(track), getComputedStyle(thumb)];
      return { border: parseFloat(t.borderTopWidth), borderStyle: t.borderTopStyle, track: t.backgroundColor, thumb: h.backgroundColor,
        thumbLeft: Math.round(thumb.getBoundingClientRect().left - track.getBoundingClientRect().left) };`,
          sync
        );
      const off = await drawn();
      assert.ok(off.border >= 1 && off.borderStyle !== 'none', `the track has an outline: ${JSON.stringify(off)}`);
      assert.notEqual(off.thumb, off.track, 'the thumb stands out from the track');
      const offShot = await sync.takeScreenshot();
      await turnOn(b);
      await waitUntil(
        () => b.driver.executeScript('return document.getAnimations().length === 0'),
        "the switch's slide to end"
      );
      const on = await drawn();
      assert.notEqual(on.track, off.track, 'on is filled, not only moved');
      assert.notEqual(on.thumb, on.track);
      assert.ok(on.thumbLeft > off.thumbLeft, 'the thumb moves to the side of the state');
      assert.notEqual(await sync.takeScreenshot(), offShot, 'on and off look different');
    }
  );
});
