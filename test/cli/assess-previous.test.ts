/**
 * `assess --previous` end to end on a small store: last year's assessment (to 2015) and this year's
 * (to 2016), with a rise in burglary and a priority the analyst raised planted in this year's data
 * and entries. The changes section reports both.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assessment/model.ts';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';
import { writeStreet } from '../helpers/police-fixtures.ts';

const GMP = 'Greater Manchester Police';
// Points spread over a few streets of the town centre, so the density surface has a spread to measure.
const row = (month: string, category: string, k: number) =>
  `${category === 'Anti-social behaviour' ? '' : `c${month}${k}${category.length}`},${month},${GMP},${GMP},${(-2.157 + (k % 5) * 0.004).toFixed(3)},${(53.409 + (k % 3) * 0.003).toFixed(3)},On or near Mersey Way,E01005758,Stockport 014B,${category},,`;

/** Burglary 2 a month in 2014-15 and 10 a month in 2016; other crime and ASB steady. */
function writePolice(dir: string): void {
  for (let y = 2014; y <= 2016; y++) {
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const rows = [
        ...Array.from({ length: y === 2016 ? 10 : 2 }, (_, k) => row(month, 'Burglary', k)),
        ...Array.from({ length: 6 }, (_, k) => row(month, 'Shoplifting', k)),
        ...Array.from({ length: 4 }, (_, k) => row(month, 'Anti-social behaviour', k)),
      ];
      mkdirSync(join(dir, month), { recursive: true });
      writeStreet(join(dir, month), `${month}-greater-manchester-street.csv`, rows);
    }
  }
}

function writeConfig(dir: string, name: string, to: string, priorities: object): string {
  const cfg = parse(readFileSync(join(repoRoot, 'config/stockport.yaml'), 'utf8')) as Record<string, unknown> & { periods: object };
  cfg.periods = { from: '2014-01', to };
  cfg.report = { protectiveMarking: 'OFFICIAL-SENSITIVE', priorities: `${name}-priorities.yaml` };
  writeFileSync(join(dir, `${name}-priorities.yaml`), stringify(priorities));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(cfg));
  return file;
}

describe('assess --previous', () => {
  const dir = tempDir('csp-previous-');
  const db = join(dir, 'store.duckdb');
  let current: Assessment;
  let html: string;

  beforeAll(async () => {
    writePolice(join(dir, 'police'));
    expect((await runCli('ingest', 'police', join(dir, 'police'), '--db', db)).code).toBe(0);
    const last = writeConfig(dir, 'last', '2015-12', {});
    // This year the analyst scores Prevent as high harm with a large gap in the partnership's position.
    const now = writeConfig(dir, 'now', '2016-12', { issues: { prevent: { harm: { physical: 5, psychological: 5, financial: 5, community: 5, vulnerability: 5 }, position: { capacity: 5, capability: 5 } } } });
    const a = await runCli('assess', '--config', last, '--data-dir', dataDir, '--db', db, '--out', join(dir, 'last'), '--format', 'json', '--as-of', '2016-07-31T00:00:00Z');
    expect(a.stderr).toBe('');
    const b = await runCli('assess', '--config', now, '--data-dir', dataDir, '--db', db, '--out', join(dir, 'now'), '--format', 'json,html', '--previous', join(dir, 'last'), '--as-of', '2017-07-31T00:00:00Z');
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    current = JSON.parse(readFileSync(join(dir, 'now', 'assessment.json'), 'utf8')) as Assessment;
    html = readFileSync(join(dir, 'now', 'report.html'), 'utf8');
  }, 300_000);

  it('reports the planted rise in burglary, tested', () => {
    const burglary = current.changes!.measures.find((m) => m.label === 'Burglary')!;
    expect([burglary.change.before, burglary.change.after]).toEqual([24, 120]);
    expect(burglary.change.significant).toBe(true);
    expect(html).toMatch(/Rose significantly: [^<]*Burglary \(\+400%\)/);
  });

  it('reports the priority that entered and the one it displaced', () => {
    expect(current.changes!.priorities!.entered).toEqual(['Prevent']);
    expect(html).toContain('Entered the recommended priorities: Prevent.');
  });
});
