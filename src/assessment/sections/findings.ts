import type { Assessment, ChangeResult, Finding } from '../model.ts';

/** Shares as people say them: "a fifth", "a quarter", else a percentage. */
export function shareInWords(share: number): string {
  const words: [number, string][] = [
    [1 / 2, 'half'],
    [1 / 3, 'a third'],
    [1 / 4, 'a quarter'],
    [1 / 5, 'a fifth'],
    [1 / 10, 'a tenth'],
  ];
  for (const [v, w] of words) {
    if (Math.abs(share - v) <= 0.01) return `${w} (${pct(share)})`;
    if (share > v && share - v <= 0.03) return `over ${w} (${pct(share)})`;
  }
  return pct(share);
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function changeWords(c: ChangeResult): string {
  if (c.changePct === null) return `from none to ${c.after.toLocaleString('en-GB')}`;
  const dir = c.changePct >= 0 ? 'rose' : 'fell';
  return `${dir} ${Math.abs(Math.round(c.changePct))}% (${c.before.toLocaleString('en-GB')} to ${c.after.toLocaleString('en-GB')})`;
}

function significanceWords(c: ChangeResult): string {
  return c.significant ? 'a statistically significant change' : 'not a statistically significant change';
}

function periodWords(c: ChangeResult): string {
  const label = (p: ChangeResult['beforePeriod']) => (p.months === 12 && p.from.endsWith('-01') ? p.from.slice(0, 4) : `${p.from} to ${p.to}`);
  return `${label(c.beforePeriod)} to ${label(c.afterPeriod)}`;
}

function evidenceOf(c: ChangeResult): Finding['evidence'] {
  return [
    { label: 'before', value: c.before },
    { label: 'after', value: c.after },
    { label: 'rate ratio', value: c.rateRatio },
    { label: '95% CI', value: c.ciLow === null || c.ciHigh === null ? null : `${c.ciLow.toFixed(2)} to ${c.ciHigh.toFixed(2)}` },
    { label: 'p-value', value: c.pValue },
  ];
}

/**
 * Headline findings written from the tested evidence in the model: every statement names its figures
 * and says when a change is not statistically significant.
 */
export function buildFindings(a: Omit<Assessment, 'findings'>): Finding[] {
  const out: Finding[] = [];
  const { crimeChange, asbChange } = a.overview;
  if (crimeChange) {
    out.push({
      id: 'crime-change',
      statement: `Recorded crime in ${a.area.name} ${changeWords(crimeChange)} from ${periodWords(crimeChange)}: ${significanceWords(crimeChange)}.`,
      evidence: evidenceOf(crimeChange),
      significant: crimeChange.significant,
      theme: 'public-safety',
    });
  }
  const rising = a.categories
    .filter((c) => !c.isAsb && c.change?.significant && (c.change.changePct ?? 0) > 0)
    .sort((x, y) => (y.change!.changePct ?? 0) - (x.change!.changePct ?? 0))
    .slice(0, 3);
  if (rising.length > 0) {
    out.push({
      id: 'largest-rises',
      statement: `The largest significant rises were in ${rising.map((c) => `${c.category.toLowerCase()} (+${Math.round(c.change!.changePct!)}%)`).join(', ')}.`,
      evidence: rising.map((c) => ({ label: c.category, value: c.change!.changePct })),
      significant: true,
      theme: 'public-safety',
    });
  }
  for (const c of a.categories.filter((x) => !x.isAsb && x.recentChange?.significant && (x.recentChange.changePct ?? 0) > 0)) {
    const r = c.recentChange!;
    out.push({
      id: `recent-rise-${c.category.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      statement: `${c.category} ${changeWords(r)} in ${r.afterPeriod.from} to ${r.afterPeriod.to} against the same months a year before: a recent, statistically significant rise.`,
      evidence: evidenceOf(r),
      significant: true,
      theme: 'public-safety',
    });
  }
  if (asbChange) {
    out.push({
      id: 'asb-change',
      statement: `Anti-social behaviour ${changeWords(asbChange)} from ${periodWords(asbChange)}: ${significanceWords(asbChange)}.`,
      evidence: evidenceOf(asbChange),
      significant: asbChange.significant,
      theme: 'public-safety',
    });
  }
  const top = a.localities[0];
  if (top && top.crimeShare > 0) {
    out.push({
      id: 'top-locality',
      statement: `${shareInWords(top.crimeShare)[0]!.toUpperCase()}${shareInWords(top.crimeShare).slice(1)} of recorded crime located to a locality was in ${top.name}, which has ${pct(top.population / Math.max(1, a.population.total))} of residents.`,
      evidence: [
        { label: 'crimes', value: top.crime },
        { label: 'share', value: top.crimeShare },
        { label: 'rate per 1,000', value: top.crimeRatePer1000 },
      ],
      significant: null,
      theme: 'public-safety',
    });
  }
  for (const p of a.places.filter((x) => x.crimeShare > 0)) {
    out.push({
      id: `place-${p.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      statement: `${p.name} holds ${pct(p.crimeShare)} of recorded crime and ${pct(p.asbShare)} of anti-social behaviour, with ${pct(p.populationShare)} of residents.`,
      evidence: [
        { label: 'crimes', value: p.crime },
        { label: 'ASB', value: p.asb },
        { label: 'residents share', value: p.populationShare },
      ],
      significant: null,
      theme: 'public-safety',
    });
  }
  if (a.coverage.missingMonths.length > 0) {
    out.push({
      id: 'coverage-gap',
      statement: `Police data is missing for ${a.coverage.missingMonths.length} of ${a.coverage.expectedMonths} months (${a.coverage.missingMonths.join(', ')}): these are gaps in publication, not falls in crime.`,
      evidence: [{ label: 'missing months', value: a.coverage.missingMonths.length }],
      significant: null,
      theme: null,
    });
  }
  return out;
}
