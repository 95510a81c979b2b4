/**
 * Changes since the last assessment: the previous model (`assess --previous OLD/assessment.json`)
 * against this one. Counts are compared year on year (each model's latest full year), each with the
 * dispersion this assessment estimated for the same series (quasi-Poisson; exact Poisson where it has
 * none) and Benjamini-Hochberg across the table; priorities and hot spots by which entered or left;
 * findings by which are new.
 */
import { adjustChanges, periodChange, yearPeriod } from '../../analysis/period-change.ts';
import { RECOMMENDED_PRIORITIES } from '../../analysis/priorities.ts';
import type { Assessment, ChangeResult } from '../model.ts';


export interface ChangesSection {
  previous: { generatedAt: string; period: { from: string; to: string }; title: string };
  /** Measures and categories, this assessment's latest full year against the previous one's. */
  measures: { label: string; change: ChangeResult }[];
  priorities: {
    entered: string[];
    left: string[];
    /** Rank now and before, for issues ranked in both. */
    moved: { title: string; rank: number; previousRank: number }[];
  } | null;
  hotspots: { entered: { lsoa: string; name: string | null; locality: string | null }[]; left: { lsoa: string; name: string | null; locality: string | null }[] } | null;
  /** Finding ids new in this assessment, and those no longer supported. */
  newFindings: string[];
  goneFindings: string[];
}

type Prior = Pick<Assessment, 'generatedAt' | 'period' | 'title' | 'categories' | 'overview' | 'findings' | 'priorities' | 'analysis'>;

function lastFullYear(byYear: readonly { year: number; months: number }[]): number | null {
  return byYear.filter((y) => y.months >= 12).at(-1)?.year ?? null;
}

export function buildChanges(current: Omit<Assessment, 'findings'> & { findings: Assessment['findings'] }, previous: Prior, significance: number): ChangesSection {
  const measures: ChangesSection['measures'] = [];
  const cy = lastFullYear(current.overview.byYear);
  const py = lastFullYear(previous.overview.byYear);
  if (cy !== null && py !== null && cy !== py) {
    const total = (a: Prior, year: number, key: 'crime' | 'asb') => a.overview.byYear.find((y) => y.year === year)?.[key] ?? 0;
    const fit = (c: ChangeResult | null | undefined) => (c?.dispersion != null ? { dispersion: c.dispersion, df: c.dispersionDf ?? 0 } : null);
    const add = (label: string, before: number, after: number, series: ChangeResult | null | undefined) =>
      measures.push({ label, change: periodChange(before, after, yearPeriod(py), yearPeriod(cy), significance, fit(series)) });
    add(current.measure.label, total(previous, py, 'crime'), total(current, cy, 'crime'), current.overview.crimeChange);
    if (current.measure.includesAsb) add('Anti-social behaviour', total(previous, py, 'asb'), total(current, cy, 'asb'), current.overview.asbChange);
    for (const c of current.categories.filter((x) => !x.isAsb)) {
      const p = previous.categories.find((x) => x.category === c.category);
      if (!p) continue;
      add(c.category, p.byYear.find((y) => y.year === py)?.count ?? 0, c.byYear.find((y) => y.year === cy)?.count ?? 0, c.change);
    }
    adjustChanges(measures.map((m) => m.change), significance);
  }
  // Models written before `recommended` was stored: the first three ranked.
  const top = (a: Prior) => (a.priorities?.issues ?? []).filter((i, k) => ('recommended' in i ? i.recommended : k < RECOMMENDED_PRIORITIES)).map((i) => i.title);
  const priorities =
    current.priorities && previous.priorities
      ? {
          entered: top(current).filter((t) => !top(previous).includes(t)),
          left: top(previous).filter((t) => !top(current).includes(t)),
          moved: current.priorities.issues
            .map((i) => ({ title: i.title, rank: i.rank, previousRank: previous.priorities!.issues.find((p) => p.id === i.id)?.rank ?? 0 }))
            .filter((m) => m.previousRank > 0 && m.previousRank !== m.rank),
        }
      : null;
  const hot = (a: Prior) => new Map((a.analysis?.hotspots?.gi ?? []).filter((g) => g.class === 'hot').map((g) => [g.lsoa, { lsoa: g.lsoa, name: g.name, locality: g.locality }]));
  const hotNow = hot(current);
  const hotBefore = hot(previous);
  const hotspots =
    current.analysis?.hotspots && previous.analysis?.hotspots
      ? { entered: [...hotNow.values()].filter((g) => !hotBefore.has(g.lsoa)), left: [...hotBefore.values()].filter((g) => !hotNow.has(g.lsoa)) }
      : null;
  const ids = (a: Prior) => new Set(a.findings.map((f) => f.id));
  const before = ids(previous);
  const now = ids(current);
  return {
    previous: { generatedAt: previous.generatedAt, period: { from: previous.period.from, to: previous.period.to }, title: previous.title },
    measures,
    priorities,
    hotspots,
    newFindings: [...now].filter((id) => !before.has(id)),
    goneFindings: [...before].filter((id) => !now.has(id)),
  };
}
