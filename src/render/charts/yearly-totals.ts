/** Bars of recorded crime, or ASB, by calendar year; a partial year is paler and labelled with its months. */
import * as Plot from '@observablehq/plot';
import type { Assessment } from '../../assessment/model.ts';
import { fmtCount, measureOf, yearLabel } from '../html/format.ts';
import { palette } from './palette.ts';
import { plotSvg } from './plot-svg.ts';

export type YearlyMeasure = 'crime' | 'asb';

export interface YearlyTotalsOptions {
  width?: number;
  id?: string;
}

interface YearBar {
  label: string;
  count: number;
  partial: boolean;
}

function bars(a: Assessment, measure: YearlyMeasure): YearBar[] {
  return a.overview.byYear.map((y) => ({ label: yearLabel(y.year, y.months, a.period), count: y[measure], partial: y.months < 12 }));
}

const NAMES: Record<YearlyMeasure, { axis: string; title: string }> = {
  crime: { axis: 'Recorded crimes', title: 'Recorded crime by year' },
  asb: { axis: 'ASB incidents', title: 'Anti-social behaviour incidents by year' },
};

export function yearlyTotalsSpec(a: Assessment, measure: YearlyMeasure, options: YearlyTotalsOptions = {}): Plot.PlotOptions {
  const data = bars(a, measure);
  const [full, partial] = measure === 'crime' ? [palette.crime, palette.crimePartial] : [palette.asb, palette.asbPartial];
  return {
    width: options.width ?? 480,
    height: 300,
    marginLeft: 64,
    marginTop: 28,
    marginBottom: 36,
    x: { label: null, domain: data.map((d) => d.label), padding: 0.3, tickSize: 0 },
    y: { label: measure === 'crime' && measureOf(a).crime !== 'Recorded crime' ? `${measureOf(a).crime} offences` : NAMES[measure].axis, grid: true, nice: true, tickFormat: fmtCount, labelArrow: 'none' },
    marks: [
      Plot.barY(data, { x: 'label', y: 'count', fill: (d: YearBar) => (d.partial ? partial : full), stroke: measure === 'crime' ? palette.crime : palette.asb }),
      Plot.text(data, { x: 'label', y: 'count', text: (d: YearBar) => fmtCount(d.count), dy: -9, fill: palette.text }),
      Plot.ruleY([0], { stroke: palette.text }),
    ],
  };
}

export function yearlyTotalsSvg(a: Assessment, measure: YearlyMeasure, options: YearlyTotalsOptions = {}): string {
  const data = bars(a, measure);
  const words = data.map((d) => `${d.label}: ${fmtCount(d.count)}`).join('; ');
  const partialNote = data.some((d) => d.partial) ? ' Paler bars are part years and are not comparable with full years.' : '';
  return plotSvg(yearlyTotalsSpec(a, measure, options), {
    id: options.id ?? `chart-yearly-${measure}`,
    title: `${measure === 'crime' ? `${measureOf(a).crime} by year` : NAMES[measure].title}, ${a.area.name}`,
    desc: `Bar chart. ${words}.${partialNote}`,
  });
}
