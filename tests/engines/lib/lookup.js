// The lookups the engine suite's specs use, under a root (an element, its shadow root, or the whole document): by
// role and accessible name, as people and screen readers meet the controls (../../../../shared/spec/ui.md names them).
// WebDriver has no role locators, so a lookup gathers the elements that can have the role, keeps those whose name can
// match, and then asks the engine for each one's computed role and accessible name (WebDriver's Get Computed Role
// and Get Computed Label): the name that must match is the one the engine's own accessibility tree gives, not one
// this file works out. The browser itself is started and driven in browser.js.
import webdriver from 'selenium-webdriver';

const { error: errors } = webdriver;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Elements that can have each role, natively or by ARIA; the engine's computed role decides among them.
const ROLE_SELECTORS = {
  button: 'button, [role=button], input[type=button], input[type=submit], input[type=reset], summary',
  switch: '[role=switch]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  radio: 'input[type=radio], [role=radio]',
  textbox:
    'input:not([type]), input[type=text], input[type=password], input[type=email], input[type=search], input[type=url], input[type=tel], textarea, [role=textbox]',
  combobox: 'select, [role=combobox]',
  dialog: 'dialog, [role=dialog], [role=alertdialog]',
  region: 'section, [role=region]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  link: 'a[href], [role=link]',
  navigation: 'nav, [role=navigation]',
  status: '[role=status], output',
  alert: '[role=alert]',
  table: 'table, [role=table]',
  main: 'main, [role=main]',
  group: 'fieldset, [role=group], [role=radiogroup]',
};

// In the page: the elements under `root` (an element, its shadow root if it has one, or the document) that could
// have `role`, are rendered, and whose name as the DOM spells it could be `name`. The engine confirms each.
const CANDIDATES = `
const [root, selector, name, textFilter] = arguments;
const scope = root ? (root.shadowRoot ?? root) : document;
const norm = (s) => (s ?? '').replace(/\\s+/g, ' ').trim();
const visible = (e) => {
  if (e.checkVisibility) return e.checkVisibility({ visibilityProperty: true });
  const s = getComputedStyle(e);
  return e.getClientRects().length > 0 && s.visibility !== 'hidden';
};
const textOf = (id, node) => { const n = (node.getRootNode().getElementById?.(id)) ?? document.getElementById(id); return n ? n.textContent : ''; };
const names = (e) => {
  const parts = [e.getAttribute('aria-label'), e.textContent, e.getAttribute('title'), e.getAttribute('placeholder'), e.value];
  for (const id of (e.getAttribute('aria-labelledby') ?? '').split(/\\s+/).filter(Boolean)) parts.push(textOf(id, e));
  for (const label of e.labels ?? []) parts.push(label.textContent);
  const legend = e.querySelector?.(':scope > legend'); if (legend) parts.push(legend.textContent);
  return parts.map(norm).join('\\n');
};
const all = [...scope.querySelectorAll(selector)];
if (root && root.matches?.(selector)) all.unshift(root);
return all.filter((e) => visible(e)
  && (name === null || names(e).includes(name))
  && (textFilter === null || norm(e.innerText ?? e.textContent).includes(textFilter)));
`;

/** Wait until `check` gives a truthy value (returned), or throw `what` with the last value seen. */
export async function waitUntil(check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      if (!(e instanceof errors.StaleElementReferenceError)) lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError
        ? ` (${lastError.message.split('\n')[0]})`
        : last !== undefined
          ? ` (last: ${JSON.stringify(last)})`
          : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}${why}`);
    }
    await sleep(100);
  }
}

/** Lookups by role and accessible name under a root (an element, or the whole document when `root` is null). */
export class Scope {
  constructor(browser, root = null, label = 'page') {
    this.browser = browser;
    this.driver = browser.driver;
    this.root = root;
    this.label = label;
  }

  /**
   * The rendered elements with `role` and exactly the accessible name `name` (or any name when null) as the engine
   * computes both; with `text`, only those whose text contains it.
   */
  async all(role, name = null, { text = null } = {}) {
    const selector = ROLE_SELECTORS[role];
    if (!selector) throw new Error(`no selector for the role ${role}`);
    const candidates = await this.driver.executeScript(CANDIDATES, this.root, selector, name, text);
    const found = [];
    for (const element of candidates) {
      if (!(await this.browser.hasRole(element, role))) continue;
      if (name !== null && (await this.browser.nameOf(element)) !== name) continue;
      found.push(element);
    }
    return found;
  }

  /** The one element with this role and name, waited for (the first, if several). */
  async get(role, name = null, options = {}) {
    const text = options.text ? ` with "${options.text}"` : '';
    return waitUntil(
      async () => (await this.all(role, name, options))[0],
      `${role} "${name ?? '*'}"${text} in ${this.label}`,
      options.timeout
    );
  }

  /** A scope for a found element: lookups inside it (its shadow root when it has one). */
  async within(role, name, options) {
    return new Scope(this.browser, await this.get(role, name, options), `${role} "${name}"`);
  }

  async gone(role, name = null, options = {}) {
    await waitUntil(
      async () => (await this.all(role, name, options)).length === 0,
      `no ${role} "${name ?? '*'}"${options.text ? ` with "${options.text}"` : ''} in ${this.label}`,
      options.timeout
    );
  }

  async click(role, name, options) {
    const element = await this.get(role, name, options);
    await this.browser.clickElement(element);
    return element;
  }

  /** The scope's text as rendered (innerText), or its shadow root's text content. */
  async text() {
    return this.driver.executeScript(
      'const r = arguments[0]; return r ? (r.shadowRoot ? r.shadowRoot.textContent : r.innerText) : document.body.innerText;',
      this.root
    );
  }

  async waitText(contains, timeout) {
    return waitUntil(
      async () => (await this.text()).includes(contains),
      () => `"${contains}" in ${this.label}`,
      timeout
    );
  }
}
