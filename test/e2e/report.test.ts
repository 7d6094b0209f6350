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

  it.skipIf(browserMissing)('in Chromium: paper view, search, graph with zoom and highlights, a spec panel, plots with bounds; nothing fetched, no console error', async () => {
    if (!CHROMIUM) throw new Error('TC0_REQUIRE_BROWSER is set but no chromium was found (set CHROMIUM_PATH or apt-get install chromium)');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (req) => {
        if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) problems.push(`network request: ${req.url()}`);
      });
      await page.goto(pathToFileURL(join(run.out, 'index.html')).href);

      // Landing: the paper view, main theorems first; findings told apart from sanity checks.
      const paper = page.locator('#view-paper');
      expect(await paper.isVisible()).toBe(true);
      expect(await paper.locator('tr.item-row').first().innerText()).toMatch(/Main theorems/);
      expect(await paper.locator('tbody tr').nth(1).getAttribute('data-spec')).toBe('rep.main');
      expect(await paper.locator('tr[data-spec="rep.finding"] .badge').innerText()).toMatch(/finding/);
      expect(await paper.locator('tr[data-spec="rep.mutant"] .badge').innerText()).toMatch(/sanity check/);
      expect(await paper.locator('tr.item-row').last().innerText()).toMatch(/Sanity checks/);
      await page.screenshot({ path: join(run.dir, 'paper.png') });

      // Search by title: the list shows the match, Enter opens its panel.
      await page.fill('#search', 'threshold off');
      expect(await page.locator('#search-results li').allInnerTexts()).toEqual([expect.stringMatching(/^rep\.mutant/)]);
      expect(await paper.locator('tr[data-spec="rep.adder"]').isHidden()).toBe(true);
      await page.press('#search', 'Enter');
      const mutant = page.locator('.spec[data-spec="rep.mutant"]');
      expect(await mutant.isVisible()).toBe(true);
      expect(await mutant.locator('.cex').innerText()).toMatch(/circuit[\s\S]*model/);
      await page.press('#search', 'Escape');

      // The graph: one node per spec, status in colour and shape, zoom changes the view box.
      await page.click('button[data-view="graph"]');
      const nodes = page.locator('#graph g.node');
      expect(await nodes.count()).toBe(run.report.specs.length);
      const shape = async (id: string) => page.locator(`#graph g.node[data-spec="${id}"] polygon, #graph g.node[data-spec="${id}"] path, #graph g.node[data-spec="${id}"] ellipse`).first();
      expect(await (await shape('rep.adder')).getAttribute('fill')).toBe(DISPLAY.instances.fill);
      expect(await (await shape('rep.mutant')).getAttribute('fill')).toBe(DISPLAY.sanity.fill);
      expect(await (await shape('rep.finding')).getAttribute('fill')).toBe(DISPLAY.finding.fill);
      expect(await (await shape('rep.cited')).evaluate((e) => e.tagName)).toBe('ellipse');
      expect(await page.locator('#graph g.node[data-spec="rep.adder"] text').textContent()).toMatch(/^✓ rep\.adder/);
      expect(await page.locator('#graph g.cluster text').first().textContent()).toBe('rep');
      const viewBox = () => page.locator('#graph svg').getAttribute('viewBox').then((v) => v!.split(' ').map(Number));
      const before = await viewBox();
      await page.click('#zoom-in');
      const after = await viewBox();
      expect(after[2]!).toBeLessThan(before[2]! * 0.8);
      await page.mouse.move(700, 600);
      await page.locator('#graph').hover();
      await page.mouse.wheel(0, 400);
      expect((await viewBox())[2]!).toBeGreaterThan(after[2]!);

      // A node's panel: what it uses and what uses it are highlighted.
      await page.click('#zoom-fit');
      await page.locator('#graph g.node[data-spec="rep.adder"]').click();
      const adder = page.locator('.spec[data-spec="rep.adder"]');
      expect(await adder.isVisible()).toBe(true);
      expect(await mutant.isVisible()).toBe(false);
      expect(await page.locator('#graph g.node[data-spec="rep.main"]').getAttribute('class')).toMatch(/rdep/);
      expect(await page.locator('#graph g.node[data-spec="rep.adder"]').getAttribute('class')).toMatch(/selected/);
      expect(await adder.locator('a.file').innerText()).toMatch(/report\.yaml:2$/);
      // Checks grouped with their ranges, expandable to one row per obligation.
      const checks = adder.locator('details.check');
      expect(await checks.count()).toBe(2);
      expect(await checks.first().locator('summary').innerText()).toMatch(/model\s+p = 1\.\.3 — all 3 proved \(exhaustive\)/);
      expect(await checks.first().locator('table.obligations').isVisible()).toBe(false);
      await checks.first().locator('summary').click();
      expect(await checks.first().locator('table.obligations tbody tr').count()).toBe(3);
      // Plots: axis labels, the claimed bound next to the measured series, log-log size with slopes.
      const plots = adder.locator('svg.plot');
      expect(await plots.count()).toBe(2);
      for (const i of [0, 1]) {
        expect(await plots.nth(i).locator('.series.bound').count()).toBe(1);
        expect(await plots.nth(i).locator('.x-label').textContent()).toMatch(/^p/);
        expect(await plots.nth(i).locator('.y-label').textContent()).toMatch(/depth|size/);
      }
      expect(await plots.nth(1).locator('.series.fit').count()).toBe(1);
      expect(await plots.nth(1).locator('.series.reference').count()).toBe(1);
      expect(await plots.nth(1).locator('.y-label').textContent()).toMatch(/log scale/);
      // The legend sits below the plot area, inside the picture.
      const [legendBox, areaBox, svgBox] = await Promise.all([plots.nth(1).locator('.legend').boundingBox(), plots.nth(1).locator('rect').first().boundingBox(), plots.nth(1).boundingBox()]);
      expect(legendBox!.y).toBeGreaterThan(areaBox!.y + areaBox!.height);
      expect(legendBox!.y + legendBox!.height).toBeLessThanOrEqual(svgBox!.y + svgBox!.height + 0.5);
      // No sideways scrolling in the panel.
      expect(await page.locator('#right').evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
      await page.screenshot({ path: join(run.dir, 'graph.png') });

      // The tables of report.md are here too.
      await page.click('button[data-view="assumptions"]');
      expect(await page.locator('#view-assumptions table.assumptions').innerText()).toMatch(/sep[\s\S]*rep\.cited/);
      await page.click('button[data-view="specs"]');
      expect(await page.locator('#view-specs table.specs tbody tr').count()).toBe(run.report.specs.length);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

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
    // Coverage is judged on what ran: rep.adder's model check stops at p = 3 of 1..6, but only
    // once it ran; with nothing checked no spec is said to be checked below its range.
    expect(r.specs.find((s) => s.id === 'rep.adder')!.belowRange).toMatch(/p reaches 3 of 1\.\.6/);
    expect(c.specs.filter((s) => s.belowRange !== null).map((s) => s.id)).toEqual([]);
    expect(readFileSync(join(run.dir, 'cold', 'report.md'), 'utf8')).not.toMatch(/below the declared range/);
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
