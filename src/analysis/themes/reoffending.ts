import type { ReoffendingDetail, ReoffendingRow, ReoffendingSeries, YouthJusticeRow } from './types.ts';
import { _binomTest } from '../stats/poisson-test.ts';
import { share } from './common.ts';
import { ENGLAND } from './drugs-alcohol.ts';

export interface ReoffendingCohort {
  period: string;
  areaCode: string;
  areaName: string;
  offenderType: 'adult' | 'juvenile';
  cohort: number;
  reoffenders: number;
  reoffences: number;
  previousOffences: number;
}

export interface YouthJusticeValue {
  period: string;
  areaCode: string;
  measure: 'Count' | 'Per 10,000 aged 10-17';
  value: number;
}

/** ONS code for England and Wales, the national comparator of proven reoffending. */
export const ENGLAND_AND_WALES = 'K04000001';

function series(cohorts: readonly ReoffendingCohort[], type: 'adult' | 'juvenile', area: string, forceAreaName: string, alpha: number): ReoffendingSeries | null {
  const rows = cohorts.filter((c) => c.offenderType === type);
  const own = rows.filter((c) => c.areaCode === area).sort((a, b) => a.period.localeCompare(b.period));
  if (own.length === 0) return null;
  const find = (period: string, match: (c: ReoffendingCohort) => boolean) => rows.find((c) => c.period === period && match(c));
  const isForce = (c: ReoffendingCohort) => c.areaName.toLowerCase() === forceAreaName.toLowerCase();
  const isNational = (c: ReoffendingCohort) => c.areaCode === ENGLAND_AND_WALES;
  const perReoffender = (c: ReoffendingCohort | undefined) => (c ? share(c.reoffences, c.reoffenders) : null);
  const out: ReoffendingRow[] = own.map((c) => ({
    period: c.period,
    cohort: c.cohort,
    reoffenders: c.reoffenders,
    rate: share(c.reoffenders, c.cohort),
    reoffencesPerReoffender: perReoffender(c),
    previousOffences: c.previousOffences,
    forceAreaRate: ((f) => (f ? share(f.reoffenders, f.cohort) : null))(find(c.period, isForce)),
    nationalRate: ((f) => (f ? share(f.reoffenders, f.cohort) : null))(find(c.period, isNational)),
    forceAreaReoffencesPerReoffender: perReoffender(find(c.period, isForce)),
    nationalReoffencesPerReoffender: perReoffender(find(c.period, isNational)),
  }));
  const latest = own[own.length - 1]!;
  const nat = out[out.length - 1]!.nationalRate;
  let againstNational: ReoffendingSeries['againstNational'] = null;
  if (nat !== null && nat > 0 && nat < 1) {
    const t = _binomTest(latest.reoffenders, latest.cohort, nat, 1 - nat, 'two.sided', 0.95);
    const difference = latest.reoffenders / latest.cohort - nat;
    const significant = t.pValue < alpha;
    againstNational = { period: latest.period, difference, pValue: t.pValue, significant, comparison: !significant ? 'similar' : difference > 0 ? 'higher' : 'lower' };
  }
  return { offenderType: type, rows: out, againstNational };
}

/**
 * Reoffending: adult and juvenile proven reoffending (binary rate, reoffences per reoffender,
 * average previous offences) against the force area and England and Wales, the latest rate tested
 * against the national one (exact binomial test, the national rate taken as known), and the Youth
 * Justice Board indicator for the area against its statistical neighbours' mean and England.
 */
export function reoffending(
  input: {
    cohorts: readonly ReoffendingCohort[];
    youthJustice: readonly YouthJusticeValue[];
    neighbours: readonly { code: string; name: string }[];
    area: string;
    forceAreaName: string;
  },
  options: { significance: number },
): ReoffendingDetail {
  let youthJustice: ReoffendingDetail['youthJustice'] = null;
  const yj = input.youthJustice;
  if (yj.some((v) => v.areaCode === input.area)) {
    const value = (code: string, period: string, measure: YouthJusticeValue['measure']) =>
      yj.find((v) => v.areaCode === code && v.period === period && v.measure === measure)?.value ?? null;
    const periods = [...new Set(yj.filter((v) => v.areaCode === input.area).map((v) => v.period))].sort();
    const neighbours = input.neighbours.filter((n) => n.code !== input.area);
    const rows: YouthJusticeRow[] = periods.map((period) => {
      const rates = neighbours.map((n) => value(n.code, period, 'Per 10,000 aged 10-17')).filter((v): v is number => v !== null);
      return {
        period,
        count: value(input.area, period, 'Count'),
        rate: value(input.area, period, 'Per 10,000 aged 10-17'),
        neighboursRate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
        neighboursWithData: rates.length,
        englandRate: value(ENGLAND, period, 'Per 10,000 aged 10-17'),
      };
    });
    youthJustice = { neighbours: neighbours.map((n) => ({ ...n, hasData: yj.some((v) => v.areaCode === n.code) })), rows };
  }
  return {
    kind: 'reoffending',
    adult: series(input.cohorts, 'adult', input.area, input.forceAreaName, options.significance),
    juvenile: series(input.cohorts, 'juvenile', input.area, input.forceAreaName, options.significance),
    youthJustice,
  };
}
