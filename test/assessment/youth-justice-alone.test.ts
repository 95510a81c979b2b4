/** The real Youth Justice Board indicator stands on its own: loaded without reoffending cohorts, it is in the assessment. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThemes } from '../../src/assessment/build-themes.ts';
import { FULL_EDITION } from '../../src/render/words/edition.ts';
import { issueSentences } from '../../src/render/words/themes.ts';
import type { ThemeSection } from '../../src/assessment/themes-model.ts';
import { loadAreaConfig } from '../../src/config/area-config.ts';
import { loadGeography } from '../../src/geography/load-geography.ts';
import { ingestPartner } from '../../src/sources/partnership/ingest.ts';
import { Store } from '../../src/store/store.ts';
import { dataDir, repoRoot } from '../helpers/paths.ts';

let store: Store;
let themes: ThemeSection[];

beforeAll(async () => {
  const cfg = loadAreaConfig(join(repoRoot, 'config/stockport.yaml'), dataDir);
  store = await Store.open(':memory:');
  await loadGeography(store, cfg);
  await ingestPartner(store, 'youth-justice', join(dataDir, 'youth-justice/children-cautioned-or-sentenced.csv'), { key: Buffer.from('k'), synthetic: false });
  themes = await buildThemes(store, cfg.config, { asOf: '2017-06-30', significance: 0.05 });
}, 120_000);
afterAll(() => store.close());

describe('youth justice without reoffending cohorts', () => {
  it('is in the reoffending issue, with Stockport figures', () => {
    const issue = themes.flatMap((t) => t.issues).find((i) => i.id === 'reoffending')!;
    expect(issue.hasData).toBe(true);
    const d = issue.detail!;
    expect(d.kind).toBe('reoffending');
    if (d.kind !== 'reoffending') return;
    expect(d.adult).toBeNull();
    expect(d.youthJustice!.rows.map((r) => r.period)).toEqual(['2014/15', '2015/16', '2016/17']);
    expect(d.youthJustice!.rows.every((r) => r.rate !== null)).toBe(true);
    expect(issueSentences(d, FULL_EDITION).join(' ')).toMatch(/Children cautioned or sentenced in 2016\/17/);
  });
});
