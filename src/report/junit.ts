/**
 * `junit.xml`: one test case per obligation, one suite per spec, so CI systems show results
 * natively. An obligation that is not as its spec expects is a failure (an error when the checker
 * itself failed); a skipped obligation is skipped; everything else passes, with its evidence in
 * system-out (a sampled check passes as sampled, never as proved).
 */
import type { ObligationEntry, Report } from './model.js';
import { evidenceText } from './format.js';

const attr = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(o: ObligationEntry): string {
  const head = `    <testcase classname="${attr(o.spec)}" name="${attr(o.id)}" time="${seconds(o.ms)}"`;
  const evidence = `${o.status}${o.cached ? ' (cached)' : ''}; expect ${o.expect}; ${o.checker ?? 'no checker'}; ${evidenceText(o)}${o.counterexample?.note ? `; ${o.counterexample.note}` : ''}`;
  if (o.status === 'skipped') return `${head}>\n      <skipped message="${attr(o.trust)}"/>\n    </testcase>`;
  if (!o.expected) {
    const tag = o.status === 'error' || o.status === 'timeout' ? 'error' : 'failure';
    return `${head}>\n      <${tag} message="${attr(`${o.status}, expected ${o.expect}`)}" type="${attr(o.status)}">${attr(evidence)}</${tag}>\n    </testcase>`;
  }
  return `${head}>\n      <system-out>${attr(evidence)}</system-out>\n    </testcase>`;
}

export function renderJunit(r: Report): string {
  const bySpec = new Map<string, ObligationEntry[]>();
  for (const o of r.obligations) bySpec.set(o.spec, [...(bySpec.get(o.spec) ?? []), o]);
  const count = (os: readonly ObligationEntry[]) => ({
    tests: os.length,
    failures: os.filter((o) => !o.expected && o.status !== 'error' && o.status !== 'timeout' && o.status !== 'skipped').length,
    errors: os.filter((o) => !o.expected && (o.status === 'error' || o.status === 'timeout')).length,
    skipped: os.filter((o) => o.status === 'skipped').length,
    time: seconds(os.reduce((s, o) => s + o.ms, 0)),
  });
  const all = count(r.obligations);
  const suites = [...bySpec].map(([spec, os]) => {
    const c = count(os);
    return `  <testsuite name="${attr(spec)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${c.time}" timestamp="${attr(r.generatedAt.replace(/Z$/, ''))}">\n${os.map(testcase).join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tc0" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${all.time}">\n${suites.join('\n')}\n</testsuites>\n`;
}
