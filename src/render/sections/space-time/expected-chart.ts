/**
 * Expected counts chart: the observed monthly count (solid line), the expected count from a baseline
 * fitted on earlier months only (dashed) with its 95% prediction interval as a band, months above the
 * interval marked by triangles, and the six-month forecast with its interval in a lighter band.
 */
import * as Plot from '@observablehq/plot';
import type { ExpectedSeries } from '../../../assessment/sections/space-time.ts';
import { palette } from '../../charts/palette.ts';
import { type LegendItem, plotSvg } from '../../charts/plot-svg.ts';
import { fmtCount, fmtMonth } from '../../html/format.ts';

const monthDate = (month: string): Date => new Date(`${month}-01T00:00:00Z`);

interface Band { date: Date; expected: number; lower: number; upper: number }

export function expectedChartSvg(s: ExpectedSeries, options: { id: string; title: string; width?: number }): string {
  const fitted: Band[] = s.months.filter((m) => m.expected !== null).map((m) => ({ date: monthDate(m.month), expected: m.expected!, lower: m.lower!, upper: m.upper! }));
  const forecast: Band[] = s.forecast.map((m) => ({ date: monthDate(m.month), expected: m.expected!, lower: m.lower!, upper: m.upper! }));
  const observed = s.months.map((m) => ({ date: monthDate(m.month), count: m.observed, month: m.month }));
  const above = s.months.filter((m) => m.above).map((m) => ({ date: monthDate(m.month), count: m.observed, month: m.month }));
  const years = [...new Set([...s.months, ...s.forecast].map((m) => m.month.slice(0, 4)))].map((y) => monthDate(`${y}-01`));
  const legend: LegendItem[] = [
    { label: 'Observed', color: palette.crime, shape: 'line' },
    { label: 'Expected', color: palette.text, shape: 'dashed-line' },
    { label: '95% interval', color: '#c8d9ec', shape: 'square' },
    { label: 'Forecast interval', color: '#e6dcef', shape: 'square' },
  ];
  if (above.length) legend.push({ label: 'Above the interval', color: palette.asb, shape: 'triangle' });
  const spec: Plot.PlotOptions = {
    width: options.width ?? 720,
    height: 360,
    marginLeft: 64,
    marginRight: 20,
    marginTop: 24,
    marginBottom: 64,
    x: { type: 'utc', label: null, ticks: years, tickFormat: (d: Date) => String(d.getUTCFullYear()) },
    y: { label: `${s.measure} a month`, grid: true, nice: true, zero: true, tickFormat: fmtCount, labelArrow: 'none' },
    marks: [
      Plot.areaY(fitted, { x: 'date', y1: 'lower', y2: 'upper', fill: '#c8d9ec' }),
      Plot.areaY(forecast, { x: 'date', y1: 'lower', y2: 'upper', fill: '#e6dcef' }),
      Plot.ruleY([0], { stroke: palette.text }),
      Plot.lineY(fitted, { x: 'date', y: 'expected', stroke: palette.text, strokeWidth: 1.5, strokeDasharray: '6,3' }),
      Plot.lineY(forecast, { x: 'date', y: 'expected', stroke: palette.text, strokeWidth: 1.5, strokeDasharray: '6,3' }),
      Plot.lineY(observed, { x: 'date', y: 'count', stroke: palette.crime, strokeWidth: 2.5 }),
      Plot.dot(above, { x: 'date', y: 'count', symbol: 'triangle', r: 6, fill: palette.asb, stroke: 'white', title: (d: { month: string; count: number }) => `${fmtMonth(d.month)}: ${fmtCount(d.count)}, above the interval` }),
    ],
  };
  const desc = `Line chart of ${s.measure.toLowerCase()} a month in ${s.name} with the expected count and its 95% prediction interval from earlier months only.${
    above.length ? ` Months above the interval: ${above.map((d) => `${fmtMonth(d.month)} (${fmtCount(d.count)})`).join(', ')}.` : ' No month was above its interval.'
  } Forecast: ${s.forecast.map((f) => `${fmtMonth(f.month)} ${fmtCount(Math.round(f.expected!))} (${fmtCount(f.lower!)} to ${fmtCount(f.upper!)})`).join('; ')}.`;
  return plotSvg(spec, { id: options.id, title: options.title, desc, legend });
}
