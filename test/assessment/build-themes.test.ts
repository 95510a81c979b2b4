import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsInRange } from '../../src/analysis/months.ts';
import { estimateDispersion } from '../../src/analysis/stats/dispersion.ts';
import { buildThemes } from '../../src/assessment/build-themes.ts';
import type { IssueDetail, ThemeSection } from '../../src/assessment/themes-model.ts';
import { loadAreaConfig } from '../../src/config/area-config.ts';
import { loadGeography } from '../../src/geography/load-geography.ts';
import { renderIntelligenceGaps, renderThemes } from '../../src/render/sections/themes/render.ts';
import { splitHeader } from '../../src/sources/csv-position.ts';
import { ingestPartner } from '../../src/sources/partnership/ingest.ts';
import { Store } from '../../src/store/store.ts';
import { generatePartnershipDemo, type GeneratedFile } from '../../src/synthetic/partnership/generate.ts';

const dataDir = process.env.CSP_ASSESS_DATA ?? '../shared/data';
const key = Buffer.from('demo-key-0123456789abcdef');
let store: Store;
let files: GeneratedFile[];
let themes: ThemeSection[];

/** The generated CSV as records: an independent reading of the demo files. */
function rows(dataset: string): Record<string, string>[] {
  const lines = readFileSync(files.find((f) => f.dataset === dataset)!.file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = splitHeader(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(splitHeader(l).map((v, i) => [header[i]!, v])));
}

function detail<K extends IssueDetail['kind']>(kind: K): Extract<IssueDetail, { kind: K }> {
  const d = themes.flatMap((t) => t.issues).find((i) => i.detail?.kind === kind)?.detail;
  if (!d) throw new Error(`no ${kind}`);
  return d as Extract<IssueDetail, { kind: K }>;
}

const years = [2014, 2015, 2016];
const inYears = (date: string) => years.includes(Number(date.slice(0, 4)));

beforeAll(async () => {
  const cfg = loadAreaConfig('config/stockport.yaml', dataDir);
  files = await generatePartnershipDemo({ dataDir, outDir: mkdtempSync(join(tmpdir(), 'themes-')), seed: 20170630 });
  store = await Store.open(':memory:');
  await loadGeography(store, cfg);
  for (const f of files) await ingestPartner(store, f.dataset, f.file, { key, synthetic: !f.file.startsWith(dataDir) });
  themes = await buildThemes(store, cfg.config, { asOf: '2017-06-30', significance: 0.05 });
}, 120_000);
afterAll(() => store.close());

describe('buildThemes on the demonstration set', () => {
  it('has the five default themes and eleven issues, then public perception', () => {
    expect(themes.map((t) => t.issues.length)).toEqual([5, 3, 1, 1, 1, 1]);
    const issues = themes.flatMap((t) => t.issues);
    expect(issues.filter((i) => i.restricted).map((i) => i.id)).toEqual(['cse', 'organised-crime-groups', 'prevent']);
    // No police data loaded here: crime and ASB are gaps, as is perception for the area itself.
    expect(issues.filter((i) => !i.hasData).map((i) => i.id)).toEqual(['crime', 'anti-social-behaviour', 'public-perception']);
    expect(issues.filter((i) => i.hasData).every((i) => i.synthetic)).toBe(true);
  });

  it('missing: episodes, people and repeat missing equal a count of the file', () => {
    const eps = rows('missing-episodes').filter((r) => inYears(r.date_reported!));
    const per = new Map<string, number>();
    for (const r of eps) per.set(r.person_id!, (per.get(r.person_id!) ?? 0) + 1);
    const repeat = [...per.values()].filter((n) => n >= 3);
    const d = detail('missing');
    expect(d.episodes).toBe(eps.length);
    expect(d.people).toBe(per.size);
    expect(d.repeatPeople).toBe(repeat.length);
    expect(d.repeatEpisodes).toBe(repeat.reduce((a, b) => a + b, 0));
    expect(d.outOfAreaEpisodes).toBe(eps.filter((r) => r.out_of_area === 'Y').length);
    expect(d.repeatShare!).toBeGreaterThan(0.4);
  });

  it('domestic abuse: crimes share by year and lowest rate in the force area', () => {
    const da = rows('domestic-abuse').filter((r) => r.area_code === 'E08000007');
    const d = detail('domestic-abuse');
    for (const y of d.byYear) {
      const inYear = da.filter((r) => Number(r.incident_date!.slice(0, 4)) === y.year);
      expect([y.incidents, y.crimes]).toEqual([inYear.filter((r) => r.record_type === 'incident').length, inYear.filter((r) => r.record_type === 'crime').length]);
    }
    expect(d.peers!.areaRank).toBe(10);
  });

  it('CSE: the reference figures, largest rise in the force area', () => {
    const d = detail('cse');
    expect(d.byYear.map((y) => [y.incidents, y.crimes])).toEqual([[108, 3], [540, 9], [1253, 21]]);
    expect(d.areaRankByIncrease).toBe(1);
    expect(d.incidentChange!.significant).toBe(true);
  });

  it('hate: race share, town centre share and the two event spikes', () => {
    const h = rows('hate').filter((r) => inYears(r.incident_date!));
    const d = detail('hate');
    expect(d.raceShare).toBeCloseTo(h.filter((r) => r.race === 'Y').length / h.length, 10);
    const located = h.filter((r) => r.lsoa_code);
    expect(d.place!.count).toBe(located.filter((r) => ['E01005758', 'E01005872'].includes(r.lsoa_code!)).length);
    expect(d.events.map((e) => e.spike)).toEqual([true, true]);
    expect(d.raceShare!).toBeGreaterThan(0.75);
  });

  it('tests year changes with the dispersion of each series\' monthly counts in the file', () => {
    const h = rows('hate').filter((r) => r.area_code === 'E08000007' && inYears(r.incident_date!));
    const byMonth = new Map<string, number>();
    for (const r of h) byMonth.set(r.incident_date!.slice(0, 7), (byMonth.get(r.incident_date!.slice(0, 7)) ?? 0) + 1);
    const months = [...byMonth.keys()].sort();
    const expected = estimateDispersion({ series: new Map(monthsInRange(months[0]!, months.at(-1)!).map((m) => [m, byMonth.get(m) ?? 0])) });
    const change = detail('hate').change!;
    expect(change.dispersion).toBeCloseTo(expected.dispersion!, 10);
    expect(change.dispersionDf).toBe(expected.df);
    // Every partnership change is tested the same way.
    const fires = detail('fires');
    const da = detail('domestic-abuse');
    for (const c of [fires.deliberateChange, fires.vehicleChange, da.change, da.incidentChange, da.crimeChange, detail('cse').incidentChange, detail('missing').change]) {
      expect(c!.dispersionDf).toBeGreaterThan(0);
    }
  });

  it('fires: deliberate and vehicle fires by year, third lowest in the force area', () => {
    const f = rows('fires').filter((r) => r.area_code === 'E08000007');
    const d = detail('fires');
    for (const y of d.byYear) {
      const inYear = f.filter((r) => Number(r.incident_date!.slice(0, 4)) === y.year);
      expect(y.deliberate).toBe(inYear.filter((r) => r.motive === 'deliberate').length);
      expect(y.vehicle).toBe(inYear.filter((r) => r.fire_type === 'vehicle').length);
    }
    expect(d.forceArea!.areaRankFromLowest).toBe(3);
    expect(d.accidentalCauses[0]!.name).toBe('cooking');
  });

  it('drugs and alcohol, reoffending, OCG and Prevent', () => {
    const da = detail('drugs-alcohol');
    const last = da.admissions.filter((a) => a.ageGroup === 'under 18').at(-1)!;
    expect(last.area!.ratePer100k! > last.england!.ratePer100k! && last.area!.ratePer100k! > last.forceArea!.ratePer100k!).toBe(true);
    const re = detail('reoffending');
    const adult = re.adult!.rows.at(-1)!;
    const src = rows('reoffending').find((r) => r.period === adult.period && r.area_code === 'E08000007' && r.offender_type === 'adult')!;
    expect(adult.rate).toBe(Number(src.reoffenders) / Number(src.cohort));
    expect(adult.rate!).toBeLessThan(adult.nationalRate!);
    // The real YJB file: Stockport 2016/17 51 per 10,000, England 54; Solihull is the neighbour with data.
    const yj = re.youthJustice!;
    expect(yj.rows.find((r) => r.period === '2016/17')).toMatchObject({ rate: 51, count: 134, englandRate: 54, neighboursWithData: 1 });
    expect(yj.neighbours.filter((n) => n.hasData).map((n) => n.name)).toEqual(['Solihull']);
    expect(detail('ocg')).toMatchObject({ groups: 11, individuals: 46 });
    expect(detail('prevent').total).toBe(38);
  });

  it('renders every theme; public output leaves restricted issues out', () => {
    const full = renderThemes(themes, { public: false, suppressBelow: 5 });
    const pub = renderThemes(themes, { public: true, suppressBelow: 5 });
    for (const t of themes) expect(full).toContain(`<h2 class="govuk-heading-l" id="theme-${t.id}">`);
    expect(full).toContain('issue-cse');
    expect(pub).not.toContain('issue-cse');
    expect(pub).not.toContain('Organised crime group activities');
    expect(pub).toContain('Restricted detail is withheld');
    expect(renderIntelligenceGaps(themes, { public: true, suppressBelow: 5 })).toContain('Public perception: no survey results for the area itself.');
    expect(full).toContain('Synthetic data');
  });
});
