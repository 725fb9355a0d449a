// What every end-to-end test shares: a fresh mock backend state, the accessibility check, and the viewport's kind.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const test = base.extend({
  // Every test starts from the mock's realistic defaults (or the state it asks for with `reset`).
  page: async ({ page, request }, use) => {
    await reset(request);
    await use(page);
  },
});
export { expect };

export async function reset(request, state) {
  const response = await request.post('/__mock/reset', state ? { data: state } : {});
  expect(response.status()).toBe(204);
}

export async function fault(request, rule) {
  const response = await request.post('/__mock/faults', { data: rule });
  expect(response.status()).toBe(204);
}

export function isPhone(testInfo) {
  return testInfo.project.name === 'phone';
}

/** axe-core over the whole page: no violations of WCAG 2.x A/AA or best practices. */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe-core violations').toEqual([]);
}
