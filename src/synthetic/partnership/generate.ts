/**
 * The synthetic partnership demonstration set: every partnership dataset as a CSV in its template
 * format, seeded and deterministic, for Stockport and, where a dataset compares districts, the other
 * nine Greater Manchester districts. Real geography (LSOAs, wards, localities) is read from the data
 * directory; the two real youth-justice files are used in place, not generated. A README.txt beside
 * the files says they are synthetic (the files themselves keep the exact template format).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, type RandomSource } from '../../analysis/spatial/random.ts';
import { splitHeader } from '../../sources/csv-position.ts';
import { findDataset } from '../../sources/partnership/datasets.ts';
import { csvLine } from '../../sources/partnership/template.ts';
import * as P from './profile.ts';

export interface GeneratedFile {
  dataset: string;
  file: string;
  rows: number;
}

interface Geography {
  /** LSOA codes per district code. */
  lsoas: Map<string, string[]>;
  districtNames: Map<string, string>;
  /** Stockport LSOA -> locality. */
  locality: Map<string, string>;
}

function readCsvRows(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitHeader(lines[0] ?? '');
  return lines.slice(1).map((l) => Object.fromEntries(splitHeader(l).map((v, i) => [header[i]!, v])));
}

function readGeography(dataDir: string): Geography {
  const wardLocality = new Map(readCsvRows(join(dataDir, 'localities/stockport-localities.csv')).map((r) => [r.ward_code!, r.locality!]));
  const geo: Geography = { lsoas: new Map(), districtNames: new Map(), locality: new Map() };
  for (const r of readCsvRows(join(dataDir, 'boundaries/gm-lsoa-2011-to-ward-2017-best-fit.csv'))) {
    const list = geo.lsoas.get(r.lad17cd!) ?? [];
    list.push(r.lsoa11cd!);
    geo.lsoas.set(r.lad17cd!, list);
    geo.districtNames.set(r.lad17cd!, r.lad17nm!);
    const locality = wardLocality.get(r.wd17cd!);
    if (locality) geo.locality.set(r.lsoa11cd!, locality);
  }
  for (const l of geo.lsoas.values()) l.sort();
  return geo;
}

/** Small helpers over one seeded source, so every draw comes from it in a fixed order. */
function draws(rand: RandomSource) {
  const poisson = (mean: number): number => {
    // Knuth for small means, normal approximation for large: both deterministic given the source.
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = rand(); p > limit; p *= rand()) k++;
    return k;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const weighted = (items: readonly (readonly [string, number])[]): string => {
    const total = items.reduce((a, [, w]) => a + w, 0);
    let r = rand() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
  return { rand, poisson, pick, weighted, chance: (p: number) => rand() < p };
}
type Draws = ReturnType<typeof draws>;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearOf = (d: string) => Number(d.slice(0, 4));
const t0 = Date.parse(`${P.DEMO_FROM}T00:00:00Z`);
const t1 = Date.parse(`${P.DEMO_TO}T00:00:00Z`);
const demoDays = Array.from({ length: (t1 - t0) / DAY + 1 }, (_, i) => iso(t0 + i * DAY));
/** A day of `year` within the demonstration period. */
const yearsOfDemo = [...new Set(demoDays.map(yearOf))];
const daysOfYear = new Map(yearsOfDemo.map((y) => [y, demoDays.filter((x) => yearOf(x) === y)]));
const dayIn = (d: Draws, year: number) => d.pick(daysOfYear.get(year)!);
/** The fraction of a year the demonstration covers (the last is half a year). */
const yearFraction = (year: number) => daysOfYear.get(year)!.length / 365;
const yn = (b: boolean) => (b ? 'Y' : 'N');

function missingEpisodes(d: Draws, geo: Geography): string[][] {
  const lsoas = geo.lsoas.get(P.AREA)!;
  // The repeat group: few children, mostly looked after, many placed from other authorities.
  const repeat = Array.from({ length: P.repeatMissingChildren }, (_, i) => {
    const lac = d.chance(0.8);
    return { id: `MP-R${String(i + 1).padStart(4, '0')}`, weight: 1 / (i + 1) ** 0.8, lac, ooa: lac && d.chance(0.6), home: d.pick(lsoas), age: 12 + Math.floor(d.rand() * 6) };
  });
  const repeatWeights = repeat.map((c) => [c.id, c.weight] as const);
  const others: { id: string; lac: boolean; ooa: boolean; home: string; age: number }[] = [];
  const rows: string[][] = [];
  for (const year of yearsOfDemo) {
    for (let k = 0; k < P.missingEpisodesPerYear[year]!; k++) {
      let child;
      if (d.chance(P.repeatMissingShare)) {
        const id = d.weighted(repeatWeights);
        child = repeat.find((c) => c.id === id)!;
      } else if (others.length > 0 && d.chance(0.25)) child = d.pick(others);
      else {
        const lac = d.chance(0.15);
        child = { id: `MP-${String(others.length + 1).padStart(5, '0')}`, lac, ooa: lac && d.chance(0.3), home: d.pick(lsoas), age: 10 + Math.floor(d.rand() * 8) };
        others.push(child);
      }
      const reported = dayIn(d, year);
      const found = d.chance(0.98) ? iso(Date.parse(reported) + Math.floor(d.rand() * 3) * DAY) : '';
      const risk = d.weighted([['no apparent risk', 0.05], ['low', 0.5], ['medium', 0.4], ['high', 0.05]]);
      rows.push([child.id, reported, found, String(child.age), yn(child.lac), child.ooa ? d.pick(['Derbyshire', 'Cheshire East', 'Manchester', 'Lancashire']) : '', yn(child.ooa), child.home, risk]);
    }
  }
  return rows.sort((a, b) => a[1]!.localeCompare(b[1]!) || a[0]!.localeCompare(b[0]!));
}

function domesticAbuse(d: Draws, geo: Geography): string[][] {
  const rows: string[][] = [];
  for (const [code, residents] of Object.entries(P.districtResidents)) {
    const lsoas = geo.lsoas.get(code)!;
    const victims: string[] = [];
    const prefix = `V${code.slice(-2)}-`;
    for (const year of yearsOfDemo) {
      const n = d.poisson((residents / 1000) * P.domesticAbuseRate[code]! * yearFraction(year));
      const crimeShare = code === P.AREA ? P.domesticAbuseCrimeShare[year]! : 0.4;
      for (let k = 0; k < n; k++) {
        const repeatVictim = victims.length > 0 && d.chance(0.3);
        const victim = repeatVictim ? d.pick(victims) : `${prefix}${String(victims.length + 1).padStart(6, '0')}`;
        if (!repeatVictim) victims.push(victim);
        rows.push([dayIn(d, year), code, d.chance(0.97) ? d.pick(lsoas) : '', d.chance(crimeShare) ? 'crime' : 'incident', victim, yn(repeatVictim), d.weighted([['standard', 0.7], ['medium', 0.22], ['high', 0.08]])]);
      }
    }
  }
  return rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!));
}

function cse(d: Draws, geo: Geography): string[][] {
  const localities = [...new Set(geo.locality.values())].sort();
  const rows: string[][] = [];
  for (const [code, residents] of Object.entries(P.districtResidents)) {
    for (const year of yearsOfDemo) {
      // Stockport follows the reference exactly; elsewhere a gentler rise.
      const target =
        code === P.AREA
          ? P.cseStockport[year]!
          : { incidents: d.poisson((residents / 1000) * 0.6 * (1 + 0.35 * (year - 2014)) * yearFraction(year)), crimes: d.poisson((residents / 100000) * 3 * yearFraction(year)) };
      for (const [type, n] of [['incident', target.incidents], ['crime', target.crimes]] as const) {
        for (let k = 0; k < n; k++) rows.push([dayIn(d, year), code, code === P.AREA ? d.pick(localities) : '', type]);
      }
    }
  }
  return rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!) || a[3]!.localeCompare(b[3]!));
}

function hate(d: Draws, geo: Geography): string[][] {
  const lsoas = geo.lsoas.get(P.AREA)!.filter((l) => !(P.townCentreLsoas as readonly string[]).includes(l));
  const strands = findDataset('hate').columns.slice(4).map((c) => c.name);
  const rows: string[][] = [];
  for (const day of demoDays) {
    const t = Date.parse(day);
    const event = P.hateEvents.find((e) => t >= Date.parse(e.date) && t < Date.parse(e.date) + 28 * DAY);
    const n = d.poisson(P.hateDailyRate * (event?.multiplier ?? 1));
    for (let k = 0; k < n; k++) {
      const main = d.weighted(P.hateStrandWeights);
      const flags = strands.map((s) => s === main || (main === 'race' && s === 'religion' && d.chance(0.05)));
      const lsoa = d.chance(0.05) ? '' : d.chance(P.hateTownCentreShare) ? d.pick(P.townCentreLsoas) : d.pick(lsoas);
      rows.push([day, P.AREA, lsoa, d.chance(0.55) ? 'crime' : 'incident', ...flags.map(yn)]);
    }
  }
  return rows;
}

function fires(d: Draws, geo: Geography): string[][] {
  const rows: string[][] = [];
  for (const [code, residents] of Object.entries(P.districtResidents)) {
    const lsoas = geo.lsoas.get(code)!;
    const weights = lsoas.map((l) => [l, P.fireRiskLocalities[geo.locality.get(l) ?? ''] ?? 1] as const);
    for (const year of yearsOfDemo) {
      const deliberate = d.poisson((residents / 1000) * P.deliberateFireRate[code]! * P.deliberateFireTrend[year]! * yearFraction(year));
      for (let k = 0; k < deliberate; k++) {
        const type = d.chance(code === P.AREA ? P.vehicleShare[year]! : 0.14) ? 'vehicle' : d.chance(0.8) ? 'secondary' : 'primary';
        rows.push([dayIn(d, year), code, d.weighted(weights), type, 'deliberate', 'deliberate ignition']);
      }
      const accidental = d.poisson((residents / 1000) * P.accidentalFireRate * yearFraction(year));
      for (let k = 0; k < accidental; k++) {
        const type = d.chance(0.1) ? 'vehicle' : d.chance(0.8) ? 'primary' : 'secondary';
        rows.push([dayIn(d, year), code, d.pick(lsoas), type, d.chance(0.92) ? 'accidental' : 'not known', d.weighted(P.accidentalCauses)]);
      }
    }
  }
  return rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!));
}

function drugsAlcohol(geo: Geography): string[][] {
  const name = (code: string) => (code === P.FORCE_AREA.code ? P.FORCE_AREA.name : code === P.ENGLAND.code ? P.ENGLAND.name : geo.districtNames.get(code)!);
  const rows: string[][] = [];
  P.drugsAlcoholPeriods.forEach((period, i) => {
    for (const [code, byAge] of Object.entries(P.admissionRates)) {
      for (const age of ['all ages', 'under 18'] as const) {
        const rate = byAge[age][i]!;
        const base = age === 'all ages' ? P.residents[code]!.all : P.residents[code]!.under18;
        rows.push([period, code, name(code), 'alcohol-related admissions', age, String(Math.round((rate * base) / 100000)), rate.toFixed(1)]);
      }
    }
    rows.push([period, P.AREA, name(P.AREA), 'people in treatment', 'all ages', String(P.peopleInTreatment[i]), '']);
  });
  return rows;
}

function reoffending(geo: Geography): string[][] {
  const name = (code: string) => (code === P.FORCE_AREA.code ? P.FORCE_AREA.name : code === P.ENGLAND_AND_WALES.code ? P.ENGLAND_AND_WALES.name : geo.districtNames.get(code)!);
  const rows: string[][] = [];
  P.reoffendingPeriods.forEach((period, i) => {
    for (const [code, byType] of Object.entries(P.reoffendingProfile)) {
      for (const type of ['adult', 'juvenile'] as const) {
        const [cohort, rate, perReoffender, previous] = byType[type][i]!;
        const reoffenders = Math.round(cohort * rate);
        rows.push([period, code, name(code), type, String(cohort), String(reoffenders), String(Math.round(reoffenders * perReoffender)), previous.toFixed(1)]);
      }
    }
  });
  return rows;
}

function prevent(d: Draws): string[][] {
  const rows: string[][] = [];
  for (const year of yearsOfDemo) {
    for (let k = 0; k < P.preventPerYear[year]!; k++) rows.push([dayIn(d, year), d.weighted(P.preventSources), d.weighted(P.preventConcerns), yn(d.chance(0.3))]);
  }
  return rows.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Writes the demonstration set to `outDir` and returns what to load, in load order. The youth-justice
 * and statistical-neighbours entries point at the real files in `dataDir`.
 */
export async function generatePartnershipDemo(options: { dataDir: string; outDir: string; seed: number }): Promise<GeneratedFile[]> {
  const geo = readGeography(options.dataDir);
  mkdirSync(options.outDir, { recursive: true });
  // One stream per dataset, so changing one dataset's draws leaves the others as they were.
  const stream = (n: number) => draws(mulberry32((options.seed * 31 + n) >>> 0));
  const datasets: [string, string[][]][] = [
    ['missing-episodes', missingEpisodes(stream(1), geo)],
    ['domestic-abuse', domesticAbuse(stream(2), geo)],
    ['cse', cse(stream(3), geo)],
    ['hate', hate(stream(4), geo)],
    ['fires', fires(stream(5), geo)],
    ['drugs-alcohol', drugsAlcohol(geo)],
    ['reoffending', reoffending(geo)],
    ['ocg-register', P.ocgGroups.map(([id, activities, localities, n]) => [P.ocgSnapshot, id, 'active', activities, localities, String(n)])],
    ['prevent-referrals', prevent(stream(6))],
    ['national-comparators', P.nationalComparators.map(([measure, period, count, residents]) => [measure, period, P.ENGLAND_AND_WALES.code, P.ENGLAND_AND_WALES.name, String(count), String(residents), ''])],
    ['perception-survey', P.perceptionResults.map(([q, respondents, share]) => ['2016/17', P.FORCE_AREA.code, P.FORCE_AREA.name, q, String(respondents), share.toFixed(2)])],
  ];
  const out: GeneratedFile[] = [];
  for (const [name, rows] of datasets) {
    const file = join(options.outDir, `${name}.csv`);
    writeFileSync(file, [csvLine(findDataset(name).columns.map((c) => c.name)), ...rows.map(csvLine)].join(''));
    out.push({ dataset: name, file, rows: rows.length });
  }
  const real = [
    ['youth-justice', join(options.dataDir, 'youth-justice/children-cautioned-or-sentenced.csv')],
    ['statistical-neighbours', join(options.dataDir, 'youth-justice/cipfa-2021-trafford-nearest-neighbours.csv')],
  ] as const;
  for (const [dataset, file] of real) out.push({ dataset, file, rows: readCsvRows(file).length });
  writeFileSync(
    join(options.outDir, 'README.txt'),
    `SYNTHETIC DEMONSTRATION DATA generated by csp-assess (seed ${options.seed}).\n` +
      'These partnership extracts describe no real people, incidents or places beyond the real LSOA and locality codes they use.\n' +
      'They follow the published templates exactly (docs/partnership-templates.md), so they load through the same loaders as real extracts.\n' +
      'The youth-justice indicator and the CIPFA neighbour group are real open data, read from the data directory, not generated.\n\n' +
      out.map((f) => `${f.dataset}: ${f.file} (${f.rows} rows)`).join('\n') +
      '\n',
  );
  return out;
}
