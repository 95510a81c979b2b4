import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partnershipDatasets } from '../../src/sources/partnership/datasets.ts';
import { templateCsv } from '../../src/sources/partnership/template.ts';
import { generatePartnershipDemo } from '../../src/synthetic/partnership/generate.ts';

const dataDir = process.env.CSP_ASSESS_DATA ?? '../shared/data';

describe('generatePartnershipDemo', () => {
  it('writes every dataset in its template format, seed-stable, with a README saying it is synthetic', async () => {
    const a = await generatePartnershipDemo({ dataDir, outDir: mkdtempSync(join(tmpdir(), 'demo-a-')), seed: 7 });
    const b = await generatePartnershipDemo({ dataDir, outDir: mkdtempSync(join(tmpdir(), 'demo-b-')), seed: 7 });
    expect(a.map((f) => f.dataset).sort()).toEqual(partnershipDatasets.map((d) => d.name).sort());
    for (const [i, f] of a.entries()) {
      const text = readFileSync(f.file, 'utf8');
      expect(text).toBe(readFileSync(b[i]!.file, 'utf8'));
      const spec = partnershipDatasets.find((d) => d.name === f.dataset)!;
      if (!f.file.startsWith(dataDir)) expect(text.startsWith(templateCsv(spec))).toBe(true);
    }
    expect(readFileSync(join(a[0]!.file, '..', 'README.txt'), 'utf8')).toMatch(/^SYNTHETIC DEMONSTRATION DATA/);
  }, 60_000);
});
