import type { AreaFigure, DrugsAlcoholDetail, YearValue } from './types.ts';
import { type DispersionFit, yearChange } from './common.ts';

export interface DrugsAlcoholRow {
  period: string;
  areaCode: string;
  areaName: string;
  measure: 'alcohol-related admissions' | 'people in treatment';
  ageGroup: 'all ages' | 'under 18';
  count: number | null;
  ratePer100k: number | null;
}

/** ONS code for England. */
export const ENGLAND = 'E92000001';

/**
 * Drugs and alcohol: alcohol-related admissions (all ages and under 18) for the area against the
 * force area (the row named as the configuration's force area) and England, people in treatment,
 * and police-recorded drug offences by year with a tested change.
 */
export function drugsAlcohol(
  input: { rows: readonly DrugsAlcoholRow[]; area: string; forceAreaName: string; drugOffences: readonly YearValue[]; years: readonly number[]; /** Of the monthly drug offences. */ drugOffencesDispersion?: DispersionFit },
  options: { significance: number },
): DrugsAlcoholDetail {
  const admissions = input.rows.filter((r) => r.measure === 'alcohol-related admissions');
  const figure = (rows: readonly DrugsAlcoholRow[], match: (r: DrugsAlcoholRow) => boolean): AreaFigure | null => {
    const r = rows.find(match);
    return r ? { code: r.areaCode, name: r.areaName, count: r.count, ratePer100k: r.ratePer100k } : null;
  };
  const keys = [...new Set(admissions.map((r) => `${r.period}|${r.ageGroup}`))].sort();
  const isForceArea = (r: DrugsAlcoholRow) => r.areaName.toLowerCase() === input.forceAreaName.toLowerCase();
  const offences = new Map(input.drugOffences.map((o) => [o.year, o.count]));
  return {
    kind: 'drugs-alcohol',
    admissions: keys.map((k) => {
      const [period, ageGroup] = k.split('|') as [string, string];
      const rows = admissions.filter((r) => r.period === period && r.ageGroup === ageGroup);
      return {
        period,
        ageGroup,
        area: figure(rows, (r) => r.areaCode === input.area),
        forceArea: figure(rows, isForceArea),
        england: figure(rows, (r) => r.areaCode === ENGLAND),
      };
    }),
    treatment: input.rows
      .filter((r) => r.measure === 'people in treatment' && r.areaCode === input.area && r.ageGroup === 'all ages')
      .map((r) => ({ period: r.period, count: r.count }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    drugOffences: input.years.map((year) => ({ year, count: offences.get(year) ?? 0 })),
    drugOffenceChange: input.drugOffences.length === 0 ? null : yearChange((y) => offences.get(y) ?? 0, input.years, options.significance, input.drugOffencesDispersion ?? null),
  };
}
