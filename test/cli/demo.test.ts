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
    run = await runCli('demo', '--data-dir', dataDir, '--out', out, '--json');
  });

  it('builds the whole assessment and says where the report is', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.report).toBe(join(out, 'report.html'));
    expect(existsSync(summary.report)).toBe(true);
    expect(summary.syntheticRows).toBeGreaterThan(90_000);
  });

  it('writes a model that validates, with every theme of the reference', () => {
    const model = AssessmentSchema.parse(JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')));
    expect(model.themes?.filter((t) => !t.context).map((t) => t.issues.length)).toEqual([5, 3, 1, 1, 1]);
    expect(model.themes?.flatMap((t) => t.issues).filter((i) => i.restricted).map((i) => i.id).sort()).toEqual(['cse', 'organised-crime-groups', 'prevent']);
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
