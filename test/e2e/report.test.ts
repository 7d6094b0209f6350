/**
 * The reviewer's report, end to end: `tc0 verify` on a fixture writes index.html and junit.xml;
 * index.html is opened from disk in headless Chromium (Debian `chromium`, driven by
 * playwright-core); `tc0 report` re-renders from the store without checking; `tc0 new` scaffolds a
 * spec that validates and shows up as not yet checked.
 */
import { existsSync, mkdirSync, cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium } from 'playwright-core';
import type { Report } from '../../src/report/model.js';
import { DISPLAY } from '../../src/report/html.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
// .ci/run installs Debian chromium and sets TC0_REQUIRE_BROWSER: there the browser test must run.
const browserMissing = !CHROMIUM && !process.env.TC0_REQUIRE_BROWSER;

function verified() {
  const dir = tempDir();
  const out = join(dir, 'reports');
  const store = join(dir, 'store');
  const r = runCli(['verify', '--specs', join(ROOT, 'test/fixtures/report/specs'), '--out', out, '--store', store, '--json']);
  return { dir, out, store, r, report: JSON.parse(r.stdout) as Report };
}

describe('reports/index.html and junit.xml', () => {
  const run = verified();

  it('verify writes every report, and junit.xml has one valid test case per obligation', () => {
    expect(run.r.code).toBe(0);
    for (const f of ['report.json', 'report.md', 'index.html', 'junit.xml']) expect(existsSync(join(run.out, f)), f).toBe(true);
    const xml = readFileSync(join(run.out, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase?: unknown[] }) => s.testcase ?? []);
    expect(cases).toHaveLength(run.report.obligations.length);
    expect(Number(doc.testsuites['@_tests'])).toBe(run.report.obligations.length);
    expect(Number(doc.testsuites['@_failures'])).toBe(0);
    expect(cases.map((c: Record<string, string>) => c['@_name']).sort()).toEqual(run.report.obligations.map((o) => o.id).sort());
  });

  it('is self-contained: no network references', () => {
    const html = readFileSync(join(run.out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<svg');
  });

  it.skipIf(browserMissing)('opens in headless Chromium: one node per spec, status colours, click shows obligations', async () => {
    if (!CHROMIUM) throw new Error('TC0_REQUIRE_BROWSER is set but no chromium was found (set CHROMIUM_PATH or apt-get install chromium)');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (req) => {
        if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) problems.push(`network request: ${req.url()}`);
      });
      await page.goto(pathToFileURL(join(run.out, 'index.html')).href);
      const nodes = page.locator('#graph g.node');
      expect(await nodes.count()).toBe(run.report.specs.length);
      // Colours: checked on instances, refuted as expected, assumed, not yet checked.
      const fill = async (id: string) => page.locator(`#graph g.node[data-spec="${id}"] path, #graph g.node[data-spec="${id}"] polygon`).first().getAttribute('fill');
      expect(await fill('rep.adder')).toBe(DISPLAY.instances.fill);
      expect(await fill('rep.mutant')).toBe(DISPLAY['refuted-expected'].fill);
      expect(await fill('rep.cited')).toBe(DISPLAY.assumed.fill);
      expect(await fill('rep.later')).toBe(DISPLAY.unchecked.fill);
      // Edges: rep.mutant uses rep.adder, rep.later uses two.
      expect(await page.locator('#graph g.edge').count()).toBe(3);
      // Clicking a node shows that spec's detail with its obligations.
      await page.locator('#graph g.node[data-spec="rep.mutant"]').click();
      const detail = page.locator('.spec[data-spec="rep.mutant"]');
      expect(await detail.isVisible()).toBe(true);
      expect(await page.locator('.spec[data-spec="rep.adder"]').isVisible()).toBe(false);
      expect(await detail.locator('table.obligations tbody tr').count()).toBe(run.report.obligations.filter((o) => o.spec === 'rep.mutant').length);
      expect(await detail.locator('.cex').count()).toBe(1);
      expect(await detail.locator('.cex').innerText()).toMatch(/circuit[\s\S]*model/);
      await page.locator('#graph g.node[data-spec="rep.adder"]').click();
      const adder = page.locator('.spec[data-spec="rep.adder"]');
      expect(await adder.isVisible()).toBe(true);
      // The measured depth and size against p, as inline SVG plots.
      expect(await adder.locator('svg.plot').count()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('tc0 report re-renders from the store without checking; a cold store shows not yet checked', () => {
    const again = runCli(['report', '--specs', join(ROOT, 'test/fixtures/report/specs'), '--out', join(run.dir, 'again'), '--store', run.store, '--json']);
    expect(again.code).toBe(0);
    const r = JSON.parse(again.stdout) as Report;
    expect(r.summary.cached).toBe(run.report.obligations.length);
    expect(r.obligations.map((o) => o.status)).toEqual(run.report.obligations.map((o) => o.status));
    const cold = runCli(['report', '--specs', join(ROOT, 'test/fixtures/report/specs'), '--out', join(run.dir, 'cold'), '--store', join(run.dir, 'empty'), '--json']);
    const c = JSON.parse(cold.stdout) as Report;
    expect(c.obligations.every((o) => o.status === 'skipped' && /not yet checked/.test(o.trust))).toBe(true);
    expect(c.specs.find((s) => s.id === 'rep.adder')!.status).toBe('skipped');
    expect(runCli(['report', '--jobs', '2']).code).toBe(2);
  }, 300_000);
});

describe('tc0 new', () => {
  it('scaffolds a spec that validates and shows up as not yet checked', () => {
    const dir = tempDir();
    const specs = join(dir, 'specs');
    mkdirSync(specs);
    cpSync(join(ROOT, 'test/fixtures/report/specs'), specs, { recursive: true });
    const made = runCli(['new', 'rep.softmax', '--specs', specs]);
    expect(made.code).toBe(0);
    const file = join(specs, 'rep', 'rep.softmax.yaml');
    expect(readFileSync(file, 'utf8')).toMatch(/# Unique id/);
    // Alone it has no obligation: an empty run is refused unless asked for.
    const empty = runCli(['verify', '--specs', specs, '--out', join(dir, 'out'), '--store', join(dir, 'store'), '--json', '--filter', 'rep.softmax']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/nothing to check: the spec rep\.softmax has no checks; pass --allow-empty/);
    const r = runCli(['verify', '--specs', specs, '--out', join(dir, 'out'), '--store', join(dir, 'store'), '--json', '--filter', 'rep.softmax', '--allow-empty']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.specs.map((s) => [s.id, s.status])).toEqual([['rep.softmax', 'skipped']]);
    expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toContain('Not yet checked');
    // Refuses to overwrite or reuse an id, and rejects bad names.
    expect(runCli(['new', 'rep.softmax', '--specs', specs]).code).toBe(2);
    expect(runCli(['new', 'Bad_Id', '--specs', specs]).code).toBe(2);
    expect(runCli(['new', 'rep.x', '--construction', 'int.add', '--specs', specs]).code).toBe(2);
    expect(readdirSync(join(specs, 'rep'))).toEqual(['rep.softmax.yaml']);
  });
});
