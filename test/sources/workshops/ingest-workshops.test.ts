import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { summariseWorkshops } from '../../../src/analysis/workshops.ts';
import { queryWorkshopIssues } from '../../../src/store/queries/workshops.ts';
import { withStore } from '../../../src/store/store.ts';
import { runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/paths.ts';

const HEADER = 'workshop_id,locality,held_on,organisation,category,issue_text,rank';

describe('ingest workshops', () => {
  const dir = tempDir('csp-workshops-');
  const db = join(dir, 'store.duckdb');

  it('loads a CSV, ranks issues across localities with the top issue in each, and replaces its rows on reload', async () => {
    const file = join(dir, 'workshops.csv');
    writeFileSync(
      file,
      [
        HEADER,
        'c1,Central,2017-02-14,Police,Domestic abuse,"Repeat calls, same streets",1',
        'c1,Central,2017-02-14,Housing,Drug dealing,,2',
        'c1,Central,2017-02-14,Council: community safety,Domestic abuse,=cmd|calc,1',
        'm1,Marple,2017-02-16,Police,Anti-social behaviour,Off-road bikes,1',
        'm1,Marple,2017-02-16,Youth service,Drug dealing,,1',
        'm1,Marple,2017-02-16,Fire and rescue,Anti-social behaviour,,2',
      ].join('\r\n'),
    );
    const r = await runCli('ingest', 'workshops', file, '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'import:workshops.csv', workshops: 2, issues: 6 });
    expect((await runCli('ingest', 'workshops', file, '--db', db)).code).toBe(0);
    const rows = await withStore(db, (s) => queryWorkshopIssues(s));
    expect(rows).toHaveLength(6);
    expect(rows.find((x) => x.issueText?.startsWith('=cmd'))?.issueText).toBe('=cmd|calc');
    const summary = summariseWorkshops(rows)!;
    // Drug dealing and domestic abuse and ASB are each raised twice; drug dealing in two localities, ties by mean rank.
    expect(summary.categories.map((c) => [c.category, c.mentions, c.localities, c.topIn])).toEqual([
      ['Domestic abuse', 2, 1, ['Central']],
      ['Anti-social behaviour', 2, 1, ['Marple']],
      ['Drug dealing', 2, 2, []],
    ]);
    expect(summary.byLocality.map((l) => [l.locality, l.top])).toEqual([['Central', 'Domestic abuse'], ['Marple', 'Anti-social behaviour']]);
  });

  it('refuses an unknown category, naming file, line and column', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${HEADER}\nc1,Central,2017-02-14,Police,Aliens,,1\n`);
    const r = await runCli('ingest', 'workshops', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:5:`);
    expect(r.stderr).toContain('unknown category "Aliens"');
  });

  it('writes a CSV and an XLSX template that load back', async () => {
    const csv = join(dir, 'template.csv');
    const xlsx = join(dir, 'template.xlsx');
    expect((await runCli('ingest', 'workshops', '--template', csv)).code).toBe(0);
    expect((await runCli('ingest', 'workshops', '--template', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'dictionary', 'categories']);
    const other = join(dir, 'other.duckdb');
    expect((await runCli('ingest', 'workshops', csv, '--db', other)).code).toBe(0);
    expect((await runCli('ingest', 'workshops', xlsx, '--db', other)).code).toBe(0);
    expect(await withStore(other, (s) => queryWorkshopIssues(s))).toHaveLength(2);
  });
});
