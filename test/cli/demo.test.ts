import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { AssessmentSchema } from '../../src/assessment/schema.ts';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { dataDir, tempDir } from '../helpers/paths.ts';

describe('csp-assess demo, then report and assess on its store', () => {
  let out: string;
  let run: CliRun;
  beforeAll(async () => {
    out = join(tempDir(), 'demo');
    // A tenth of the full synthetic volume: this tests the command end to end, not its scale.
    run = await runCli('demo', '--data-dir', dataDir, '--out', out, '--scale', '0.1', '--json');
  });

  it('builds the whole assessment and says where the report is', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.report).toBe(join(out, 'report.html'));
    expect(existsSync(summary.report)).toBe(true);
    // The full set is about 1.34 M rows.
    expect(summary.syntheticRows).toBeGreaterThan(90_000);
    expect(summary.syntheticRows).toBeLessThan(200_000);
  });

  it('writes a model that validates, with every theme of the reference', () => {
    const model = AssessmentSchema.parse(JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')));
    expect(model.themes?.filter((t) => !t.context).map((t) => t.issues.length)).toEqual([5, 3, 1, 1, 1]);
    expect(model.themes?.flatMap((t) => t.issues).filter((i) => i.restricted).map((i) => i.id).sort()).toEqual(['cse', 'organised-crime-groups', 'prevent']);
  });

  it("finds the near-repeat pattern planted in the area's dated burglaries, and emerging hot spots", () => {
    const model = AssessmentSchema.parse(JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')));
    const table = model.spaceTime!.nearRepeat.find((n) => n.category === 'Burglary')!;
    const lines = readFileSync(join(out, 'data/local/local-burglary.csv'), 'utf8').trim().split('\n');
    expect(table.incidents).toBe(lines.length - 1);
    const close = table.rows.find((r) => r.distance === '0-200 m' && r.time === '0-7 days')!;
    // The demo runs at a tenth of its volume here (about 760 burglaries): the planted pattern is still significant at 5%.
    expect(close.p).toBeLessThanOrEqual(0.05);
    expect(close.knoxRatio!).toBeGreaterThan(1.2);
    // The planted pattern is the near-repeat window, a headline finding with its sentence in the report.
    expect(table.window).toMatchObject({ found: true, minRatio: 1.2, cells: [{ distance: '0-200 m', time: '0-7 days' }] });
    const finding = model.findings.find((f) => f.kind === 'near-repeat')!;
    expect(finding).toMatchObject({ subject: 'Burglary', significant: true, figures: [{ value: close.knoxRatio, unit: 'ratio' }, { value: close.p }, { value: '0-200 m, 0-7 days' }] });
    // Each figure's path leads to its value in the model.
    const at = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], model);
    expect(finding.figures.slice(0, 2).map((g) => at(g.path))).toEqual([close.knoxRatio, close.p]);
    expect(at(finding.figures[2]!.path)).toMatchObject({ distance: '0-200 m', time: '0-7 days', metres: 200, days: 7 });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(`Burglary near repeats: pairs of incidents within 200 m and 7 days of each other were ${close.knoxRatio!.toFixed(2)} times as many as chance would give`);
    expect(model.spaceTime!.emerging!.summary.some((x) => x.category !== 'none' && x.locations > 0)).toBe(true);
    expect(existsSync(join(out, 'emerging-hotspots.geojson'))).toBe(true);
  });

  it('writes every format by default, with the board sections in the PDF', async () => {
    for (const f of ['assessment.json', 'report.html', 'report.pdf', 'tables.xlsx', 'localities.geojson']) expect(existsSync(join(out, f)), f).toBe(true);
    const { pdfPageTexts } = await import('../../src/render/pdf/pdf-text.ts');
    const text = (await pdfPageTexts(new Uint8Array(readFileSync(join(out, 'report.pdf'))))).join('\n');
    for (const heading of ['Contents', 'Background and method', 'Headline findings', 'Locality report: Central', 'Most common issues raised at locality workshops', 'Intelligence gaps', 'Recommended priorities', 'Changes since the last assessment', 'Data quality appendix', 'Glossary']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('OFFICIAL-SENSITIVE');
  });

  it('labels the synthetic data on the page and in the printed header', () => {
    const { document } = parseHTML(readFileSync(join(out, 'report.html'), 'utf8'));
    expect(document.body.textContent).toContain('Synthetic demonstration data');
    expect(document.querySelectorAll('svg').length).toBeGreaterThanOrEqual(6);
  });

  it('keeps raw person identifiers out of the store and every output', () => {
    const ids = (dataset: string) =>
      readFileSync(join(out, 'data/partnership', `${dataset}.csv`), 'utf8')
        .split(/\r?\n/)
        .slice(1, 400)
        .map((line) => line.split(',')[dataset === 'missing-episodes' ? 0 : 4]!)
        .filter(Boolean);
    const raw = [...new Set([...ids('missing-episodes'), ...ids('domestic-abuse')])];
    expect(raw.length).toBeGreaterThan(100);
    // One pass per file: any raw id, as bytes read as latin1 (the ids are ASCII).
    const anyId = new RegExp(raw.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    expect(anyId.test(readFileSync(join(out, 'data/partnership/missing-episodes.csv'), 'latin1'))).toBe(true);
    for (const f of ['demo.duckdb', 'assessment.json', 'report.html']) expect(anyId.test(readFileSync(join(out, f), 'latin1'))).toBe(false);
  });

  it('renders a public edition without the restricted issues', async () => {
    const r = await runCli('report', '--assessment', out, '--out', join(out, 'public'), '--edition', 'public', '--format', 'html', '--json');
    expect(r.code).toBe(0);
    const html = readFileSync(JSON.parse(r.stdout).html, 'utf8');
    expect(html).not.toContain('Organised crime groups');
    expect(html).not.toContain('Channel');
    expect(html).toContain('Synthetic demonstration data');
    expect(html).toContain('Published edition');
    expect(html).not.toContain('OFFICIAL-SENSITIVE');
  });

  it('refuses a scale that is not a positive number, as a usage error', async () => {
    const r = await runCli('demo', '--data-dir', dataDir, '--out', join(out, 'x'), '--scale', '0');
    expect([r.code, r.stderr.trim()]).toEqual([2, '--scale must be a positive number, got "0"']);
  });

  it('refuses a file that is not an assessment model', async () => {
    const r = await runCli('report', '--model', join(out, 'data/police/README.txt'), '--out', join(out, 'x'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/README\.txt: cannot read the assessment model/);
  });

  it('re-assesses from the same store with the same figures', async () => {
    const again = join(out, 'again');
    const r = await runCli('assess', '--config', join(import.meta.dirname, '../../config/stockport.yaml'), '--data-dir', dataDir,
      '--db', join(out, 'demo.duckdb'), '--out', again, '--as-of', '2017-07-31T00:00:00Z', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(again, 'assessment.json'), 'utf8')).toBe(readFileSync(join(out, 'assessment.json'), 'utf8'));
  });
});
