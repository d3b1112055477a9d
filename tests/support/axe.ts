/** axe-core, run inside a driven tab: the accessibility check of the extension's pages. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Tab } from './harness';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One violation, short enough to print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe over the whole document (WCAG 2.x A and AA rules and best practices). */
export async function runAxe(tab: Tab): Promise<AxeViolation[]> {
  await tab.evaluate(`(() => { if (!window.axe) { ${AXE_SOURCE}\n } return true; })()`);
  return tab.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => String(n.target)) }));
  })()`);
}

/** The serious and critical ones: what the suite allows none of. */
export function serious(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
