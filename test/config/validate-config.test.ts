import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { dataDir, repoRoot, tempDir } from '../helpers/paths.ts';

const example = readFileSync(join(repoRoot, 'config/examples/gm-burglary.yaml'), 'utf8');

function edit(text: string, pairs: readonly [string, string][]): string {
  let out = text;
  for (const [a, b] of pairs) {
    expect(out).toContain(a);
    out = out.replace(a, b);
  }
  return out;
}

async function validate(text: string, name = 'area.yaml'): Promise<{ code: number; stdout: string; stderr: string; file: string }> {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return { ...(await runCli('validate', 'config', file, '--data-dir', dataDir)), file };
}

describe('validate config', () => {
  it('accepts the shipped configurations, checking their files', async () => {
    for (const f of ['config/stockport.yaml', 'config/examples/gm-burglary.yaml']) {
      const r = await runCli('validate', 'config', join(repoRoot, f), '--data-dir', dataDir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Valid configuration for Stockport \(E08000007\)/);
    }
  });

  it('reports every problem in one run, each with its path and exact message', async () => {
    const secret = join(tempDir(), 'not-json.txt');
    writeFileSync(secret, 'SECRET-FIRST-LINE: do not print\nmore\n');
    const text = edit(example, [
      ['code: E08000007', 'code: E08000070'],
      ['from: 2016-02\n  to: 2019-01', 'from: 2019-06\n  to: 2019-01'],
      ['district: lad17cd', 'district: lad17code'],
      ['localities/stockport-localities.csv', 'localities/stockport-locality.csv'],
      ['population/ons-mid-2017-lad-ward-lsoa.json', secret],
      ['thresholds:\n', 'themes:\n  - id: crime\n    title: Crime\n    issues:\n      - { id: burglary, title: Burglary, categories: [Burglery], datasets: [fire] }\nthreshold:\n'],
    ]);
    const r = await validate(text);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${r.file}: 8 problems:`,
      "threshold: unknown key (did you mean 'thresholds'?)",
      'periods.to: must not be before periods.from (2019-01 is before 2019-06)',
      'themes.0.issues.0.datasets.0: unknown dataset "fire" (did you mean "fires"?)',
      'themes.0.issues.0.categories.0: unknown police category "Burglery" (did you mean "Burglary"?)',
      'geography.lsoaLookups.0.district: column "lad17code" is not in the header of boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv (did you mean "lad17cd"?)',
      'geography.localities.file: file not found: localities/stockport-locality.csv',
      `geography.population.0.file: ${secret} is not valid JSON at line 1, column 1 (unexpected "S")`,
      'area.code: E08000070 is not a district of the configured geography (district boundaries and LSOA lookups) (did you mean E08000010?)',
    ]);
    expect(r.stderr).not.toContain('SECRET-FIRST-LINE');
  });

  it('finds code typos the schema cannot: the area and the force area list', async () => {
    const r = await validate(edit(example, [['code: E08000007', 'code: E08000077'], ['  forceAreaName: Greater Manchester\n', '  forceAreaName: Greater Manchester\n  forceAreaDistricts: [E08000001, E0800002]\n']]));
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').slice(1)).toEqual([
      'area.code: E08000077 is not a district of the configured geography (district boundaries and LSOA lookups) (did you mean E08000007?)',
      'area.forceAreaDistricts.1: E0800002 is not a district of the configured geography (did you mean E08000002?)',
    ]);
  });

  it('locates a syntax error without quoting the file', async () => {
    const yaml = await validate('area: {name: SECRET\n  code: [\n');
    expect(yaml.stderr).toBe(`${yaml.file}: 1 problem:\n(file): not valid YAML at line 1, column 14 (MULTILINE_IMPLICIT_KEY)\n`);
    const json = await validate('{"area": {"name": "SECRET",}}', 'area.json');
    expect(json.stderr).toBe(`${json.file}: 1 problem:\n(file): not valid JSON at line 1, column 28 (unexpected "}")\n`);
  });

  it('prints every problem as JSON with --json', async () => {
    const file = join(tempDir(), 'a.yaml');
    writeFileSync(file, edit(example, [['area:\n  name: Stockport', 'area:\n  nam: Stockport']]));
    const r = await runCli('validate', 'config', file, '--data-dir', dataDir, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; problems: { path: string; message: string }[] };
    expect(out.valid).toBe(false);
    expect(out.problems).toEqual([
      { path: 'area.name', message: 'required' },
      { path: 'area.nam', message: "unknown key (did you mean 'name'?)" },
    ]);
  });
});
