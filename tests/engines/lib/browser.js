// One browser of the engine under test (ENGINE=firefox or ENGINE=webkit), driven through WebDriver with
// selenium-webdriver: started, clicked, typed into, and ended with everything it started. Its lookups by role and
// accessible name are lookup.js's `Scope`, which `Browser` extends.
//
// Firefox: Debian's firefox-esr, headless, through geckodriver (cargo install geckodriver). WebKit: WebKitGTK's
// MiniBrowser in automation mode, through WebKitWebDriver (Debian's webkit2gtk-driver), on an Xvfb display of its own.
// Nothing is downloaded: a missing driver or browser is an error that says what to install.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, openSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import webdriver from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';

const { WebDriver, Capabilities, By, Key, error: errors } = webdriver;
export { Key, By };
import { Scope, waitUntil } from './lookup.js';
export { waitUntil, Scope } from './lookup.js';

export const ENGINE = process.env.ENGINE;
if (ENGINE !== 'firefox' && ENGINE !== 'webkit') {
  throw new Error(
    `ENGINE must be "firefox" or "webkit", not ${JSON.stringify(ENGINE)} (run the suite with tests/tools/engines.sh)`
  );
}

export const PATHS = {
  firefox: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
  geckodriver: process.env.GECKODRIVER ?? which('geckodriver') ?? join(homedir(), '.cargo/bin/geckodriver'),
  minibrowser: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  webkitdriver: process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver',
  xvfb: process.env.XVFB ?? '/usr/bin/Xvfb',
};

function which(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** What the engine needs on this machine, and what installs it; an empty list when everything is there. */
export function missing(engine = ENGINE) {
  const need =
    engine === 'firefox'
      ? [
          [PATHS.firefox, 'apt-get install firefox-esr'],
          [PATHS.geckodriver, 'cargo install geckodriver'],
        ]
      : [
          [PATHS.minibrowser, 'apt-get install webkit2gtk-driver'],
          [PATHS.webkitdriver, 'apt-get install webkit2gtk-driver'],
          [PATHS.xvfb, 'apt-get install xvfb'],
        ];
  return need.filter(([path]) => !path || !existsSync(path)).map(([path, how]) => `${path} (${how})`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every driver, browser and display this process started: none outlives it, even when the test runner ends the
// process at a timeout (SIGTERM), or a test throws before its browser's quit.
const started = new Set();
// Each is started in a process group of its own (`detached`), which the browser it starts joins: the group is ended.
const end = (child, signal) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
};
const killAll = () => {
  for (const child of started) end(child, 'SIGKILL');
};
process.on('exit', killAll);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}
const track = (child) => {
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, what, child, seconds = 20) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const answer = await fetch(url);
      if (answer.ok || answer.status < 500) return;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer at ${url} within ${seconds} s: ${last?.message ?? ''}`);
}

/** An X display of its own for WebKitGTK: Xvfb picks a free display number and writes it to fd 3. */
async function startXvfb() {
  const xvfb = track(
    spawn(PATHS.xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: true,
    })
  );
  let stderr = '';
  xvfb.stderr.on('data', (d) => {
    stderr += d;
  });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within 10 s: ${stderr}`)), 10_000);
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
  return { process: xvfb, display };
}

/**
 * Starts the engine's driver and browser. `window` is the outer window size asked for; the viewport actually got is
 * in `browser.viewport` (a test that needs a width asserts the width it got); `firefoxPrefs` are added to Firefox's.
 */
export async function startBrowser({ window = { width: 1280, height: 900 }, firefoxPrefs = {} } = {}) {
  const lacking = missing();
  if (lacking.length)
    throw new Error(`${ENGINE} cannot run, missing: ${lacking.join(', ')}. Run tests/tools/setup.sh.`);
  const downloads = mkdtempSync(join(tmpdir(), `mdm-engines-${ENGINE}-downloads-`));
  const profileHome = mkdtempSync(join(tmpdir(), `mdm-engines-${ENGINE}-home-`));
  const port = await freePort();
  const children = [];
  // The drivers' and browsers' own output (GTK warnings, Marionette's log) goes to a file beside the results.
  const log = openSync(join(process.env.ENGINES_RESULTS ?? tmpdir(), `${ENGINE}-driver.log`), 'a');
  let capabilities;
  let env = { ...process.env };
  if (ENGINE === 'firefox') {
    const driver = track(
      spawn(PATHS.geckodriver, ['--port', String(port), '--log', 'fatal'], {
        stdio: ['ignore', log, log],
        env,
        detached: true,
      })
    );
    children.push(driver);
    capabilities = new Capabilities({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: PATHS.firefox,
        args: ['-headless', `--width=${window.width}`, `--height=${window.height}`],
        prefs: {
          // Downloads go to a folder of this run, without a dialog.
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.start_downloads_in_tmp_dir': false,
          'browser.helperApps.neverAsk.saveToDisk':
            'application/json,application/xml,text/xml,application/x-plist,application/octet-stream,text/plain',
          // The console's language comes from the browser first: English, as the Playwright suite's default.
          'intl.accept_languages': 'en-US, en',
          'intl.locale.requested': 'en-US',
          // No update checks, telemetry or first-run pages on the network (the machine reaches only the registries).
          'app.update.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          ...firefoxPrefs,
        },
      },
    });
    await waitForHttp(`http://127.0.0.1:${port}/status`, 'geckodriver', driver);
  } else {
    // GLib finds the download folder in user-dirs.dirs (not in the environment); MiniBrowser saves downloads there.
    mkdirSync(join(profileHome, '.config'), { recursive: true });
    writeFileSync(join(profileHome, '.config/user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
    const xvfb = await startXvfb();
    children.push(xvfb.process);
    env = {
      ...env,
      DISPLAY: xvfb.display,
      // A home of this run: MiniBrowser's downloads go to its XDG download folder, nothing is left in the real home.
      HOME: profileHome,
      XDG_CONFIG_HOME: join(profileHome, '.config'),
      XDG_DATA_HOME: join(profileHome, '.local/share'),
      XDG_CACHE_HOME: join(profileHome, '.cache'),
      LANG: 'en_US.UTF-8',
      LANGUAGE: 'en_US:en',
      // No GPU here: software rendering, and no compositing that Xvfb cannot do.
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
    };
    const driver = track(
      spawn(PATHS.webkitdriver, [`--port=${port}`], { stdio: ['ignore', log, log], env, detached: true })
    );
    children.push(driver);
    capabilities = new Capabilities({
      'webkitgtk:browserOptions': { binary: PATHS.minibrowser, args: ['--automation'] },
    });
    await waitForHttp(`http://127.0.0.1:${port}/status`, 'WebKitWebDriver', driver);
  }
  let driver;
  try {
    driver = await WebDriver.createSession(new Executor(new HttpClient(`http://127.0.0.1:${port}`)), capabilities);
  } catch (e) {
    for (const child of children) end(child, 'SIGKILL');
    throw new Error(`no ${ENGINE} session: ${e.message}`);
  }
  const browser = new Browser(driver, children, { downloads, profileHome });
  await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000, implicit: 0 });
  await browser.resize(window.width, window.height);
  return browser;
}

export class Browser extends Scope {
  constructor(driver, children, { downloads, profileHome }) {
    super({ driver }, null, 'page');
    this.browser = this;
    this.driver = driver;
    this.children = children;
    this.downloads = downloads;
    this.profileHome = profileHome;
    this.engine = ENGINE;
  }

  async quit() {
    await this.driver.quit().catch(() => {});
    for (const child of [...this.children].reverse()) end(child, 'SIGTERM');
    await sleep(200);
    for (const child of this.children) end(child, 'SIGKILL');
    rmSync(this.downloads, { recursive: true, force: true });
    rmSync(this.profileHome, { recursive: true, force: true });
  }

  /** Sets the outer window size; returns the viewport got, also kept in `this.viewport`. */
  async resize(width, height) {
    await this.driver.manage().window().setRect({ width, height, x: 0, y: 0 });
    this.viewport = await this.driver.executeScript(
      'return { width: innerWidth, height: innerHeight, clientWidth: document.documentElement.clientWidth }'
    );
    return this.viewport;
  }

  async open(url) {
    await this.driver.get(url);
  }

  async hasRole(element, role) {
    const computed = await element.getAriaRole();
    if (computed === role || (role === 'dialog' && computed === 'alertdialog')) return true;
    // WebKit exposes a single <select> as a pop-up button (as Safari's VoiceOver announces it): its computed role
    // is "button". Firefox and Chromium say "combobox".
    return (
      role === 'combobox' &&
      computed === 'button' &&
      ENGINE === 'webkit' &&
      (await element.getTagName()).toLowerCase() === 'select'
    );
  }

  async nameOf(element) {
    return (await element.getAccessibleName()).replace(/\s+/g, ' ').trim();
  }

  /** A click as the user makes it, the element scrolled to the middle of the viewport first (sticky bars overlap). */
  async clickElement(element) {
    if (this.currentFrame) await this.revealInFrame(element);
    try {
      await element.click();
    } catch (e) {
      if (!(e instanceof errors.ElementClickInterceptedError) && !(e instanceof errors.ElementNotInteractableError))
        throw e;
      await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center", inline: "center" })', element);
      await sleep(100);
      await element.click();
    }
  }

  /** Replaces a text box's value by typing, as a person does: select all, delete, type. */
  async fill(element, value) {
    await this.clickElement(element);
    await this.driver.executeScript('arguments[0].select()', element);
    await element.sendKeys(Key.BACK_SPACE);
    if (value) await element.sendKeys(value);
  }

  async attr(element, name) {
    return element.getAttribute(name);
  }

  async isFocused(element) {
    return this.driver.executeScript(
      `
      let active = document.activeElement;
      while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
      return active === arguments[0];`,
      element
    );
  }

  /**
   * What the system clipboard holds, read the way a person does: Ctrl+V into a scratch text area added to the page
   * (and removed after). Neither engine lets a test read navigator.clipboard without a prompt; a real paste works.
   */
  async pasteClipboard() {
    const area = await this.driver.executeScript(`
      const area = document.createElement('textarea');
      area.setAttribute('aria-label', 'engine test paste area');
      area.id = '__engines_paste';
      Object.assign(area.style, { position: 'fixed', top: '0', left: '0', width: '200px', height: '40px', zIndex: 2147483647 });
      document.body.append(area);
      area.focus();
      return area;`);
    await this.driver.actions().keyDown(Key.CONTROL).sendKeys('v').keyUp(Key.CONTROL).perform();
    const text = await waitUntil(async () => (await area.getAttribute('value')) || null, 'the paste', 3000).catch(
      () => ''
    );
    await this.driver.executeScript('arguments[0].remove()', area);
    return text;
  }

  /** Runs `body` (async, in the page) with `args`, and returns what it resolves to. */
  async run(body, ...args) {
    return this.driver
      .executeAsyncScript(
        `
      const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      (async (...args) => { ${body} })(...args).then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
        ...args
      )
      .then((result) => {
        if (result && 'error' in result) throw new Error(`in the page: ${result.error}`);
        return result?.value;
      });
  }

  /** Focus the frame element (an iframe) for lookups inside it, or the top document with null. */
  async frame(element) {
    if (element === null) await this.driver.switchTo().defaultContent();
    else await this.driver.switchTo().frame(element);
    this.currentFrame = element;
  }

  /**
   * Inside a frame, scrolls the top document until `element` is in its viewport, as a person scrolls the portal.
   * WebKitWebDriver's Element Click scrolls only the frame's own document, which a frame sized to its content never
   * scrolls: the click then lands outside the element, without an error. (Firefox's scrolls the portal too.)
   */
  async revealInFrame(element) {
    const inner = await this.driver.executeScript(
      'const r = arguments[0].getBoundingClientRect(); return { top: r.top, bottom: r.bottom }',
      element
    );
    const frame = this.currentFrame;
    await this.driver.switchTo().defaultContent();
    try {
      await this.driver.executeScript(
        `
        const frame = arguments[0].getBoundingClientRect();
        const [top, bottom] = [frame.top + arguments[1].top, frame.top + arguments[1].bottom];
        if (top < 0 || bottom > innerHeight) window.scrollBy(0, (top + bottom) / 2 - innerHeight / 2);`,
        frame,
        inner
      );
    } finally {
      await this.driver.switchTo().frame(frame);
    }
  }
}
