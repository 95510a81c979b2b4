/** Proven reoffending rate by cohort year: the area against its force area and England and Wales (the reference's year-on-year chart). */
import * as Plot from '@observablehq/plot';
import type { ReoffendingSeries } from '../../assessment/themes-model.ts';
import { palette } from './palette.ts';
import { type LegendItem, plotSvg } from './plot-svg.ts';

interface RatePoint {
  period: string;
  who: string;
  rate: number;
}

function points(series: ReoffendingSeries, area: string, forceArea: string): RatePoint[] {
  const out: RatePoint[] = [];
  for (const r of series.rows) {
    if (r.rate !== null) out.push({ period: r.period, who: area, rate: r.rate });
    if (r.forceAreaRate !== null) out.push({ period: r.period, who: forceArea, rate: r.forceAreaRate });
    if (r.nationalRate !== null) out.push({ period: r.period, who: 'England and Wales', rate: r.nationalRate });
  }
  return out;
}

/** Lines with a distinct colour, dash and symbol per series, so colour never carries the meaning alone. */
export function reoffendingRatesSvg(series: ReoffendingSeries, names: { area: string; forceArea: string }, options: { width?: number } = {}): string {
  const data = points(series, names.area, names.forceArea);
  const who = [names.area, names.forceArea, 'England and Wales'];
  const colours = [palette.crime, palette.asb, palette.secondaryText];
  const dashes = ['none', '7,4', '2,3'];
  const shapes: LegendItem['shape'][] = ['line', 'dashed-line', 'dotted-line'];
  const kind = series.offenderType === 'adult' ? 'Adult' : 'Juvenile';
  const spec: Plot.PlotOptions = {
    width: options.width ?? 640,
    height: 300,
    marginLeft: 56,
    marginBottom: 64, // period ticks, then the in-SVG legend on its own line
    x: { label: null, domain: series.rows.map((r) => r.period), padding: 0.5 },
    y: { label: 'Reoffenders, % of cohort', grid: true, zero: true, tickFormat: (v: number) => `${Math.round(v * 100)}%`, labelArrow: 'none' },
    marks: [
      Plot.ruleY([0], { stroke: palette.text }),
      ...who.map((w, i) => Plot.line(data.filter((d) => d.who === w), { x: 'period', y: 'rate', stroke: colours[i], strokeWidth: 2.5, strokeDasharray: dashes[i] })),
      Plot.dot(data, { x: 'period', y: 'rate', fill: (d: RatePoint) => colours[who.indexOf(d.who)], r: 3.5 }),
    ],
  };
  const words = data.map((d) => `${d.who} ${d.period}: ${(d.rate * 100).toFixed(1)}%`).join('; ');
  return plotSvg(spec, {
    id: `chart-reoffending-${series.offenderType}`,
    title: `${kind} proven reoffending rate by cohort year, ${names.area}`,
    desc: `Line chart. ${words}.`,
    legend: who.map((w, i) => ({ label: w, color: colours[i]!, shape: shapes[i]! })),
  });
}
