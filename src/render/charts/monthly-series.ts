/**
 * Monthly recorded crime and ASB as lines, with months a c-chart flagged as unusual (MonthPoint
 * crimeFlag / asbFlag) marked by triangles: up for high, down for low. Shape, not colour, says which.
 */
import * as Plot from '@observablehq/plot';
import type { Assessment, MonthPoint } from '../../assessment/model.ts';
import { fmtCount, fmtMonth, fmtPeriod, measureOf } from '../html/format.ts';
import { palette } from './palette.ts';
import { type LegendItem, plotSvg } from './plot-svg.ts';

export interface MonthlySeriesOptions {
  width?: number;
  id?: string;
}

interface Point {
  date: Date;
  month: string;
  series: 'Recorded crime' | 'ASB';
  count: number;
  flag: 'high' | 'low' | undefined;
}

/** Months as UTC dates so axis ticks never shift with the host time zone. */
const monthDate = (month: string): Date => new Date(`${month}-01T00:00:00Z`);

/** Both series, or crime alone when the assessment holds no ASB (an all-zero line would mislead). */
function points(monthly: MonthPoint[]): Point[] {
  const withAsb = monthly.some((m) => m.asb > 0);
  return monthly.flatMap((m) => [
    { date: monthDate(m.month), month: m.month, series: 'Recorded crime' as const, count: m.crime, flag: m.crimeFlag },
    ...(withAsb ? [{ date: monthDate(m.month), month: m.month, series: 'ASB' as const, count: m.asb, flag: m.asbFlag }] : []),
  ]);
}

/** A downward triangle (Plot's built-in triangles all point up), same area as d3's symbolTriangle. */
const triangleDown = {
  draw(context: CanvasPath, size: number): void {
    const y = -Math.sqrt(size / (Math.sqrt(3) * 3));
    context.moveTo(0, -y * 2);
    context.lineTo(-Math.sqrt(3) * y, y);
    context.lineTo(Math.sqrt(3) * y, y);
    context.closePath();
  },
};

const colour = (p: Point): string => (p.series === 'ASB' ? palette.asb : palette.crime);

export function monthlySeriesSpec(a: Assessment, options: MonthlySeriesOptions = {}): Plot.PlotOptions {
  const data = points(a.monthly);
  const flagged = data.filter((p) => p.flag !== undefined);
  const years = [...new Set(a.monthly.map((m) => m.month.slice(0, 4)))].map((y) => monthDate(`${y}-01`));
  return {
    width: options.width ?? 720,
    height: 380,
    marginLeft: 64,
    marginRight: 20,
    marginTop: 30,
    marginBottom: 64, // year ticks, then the in-SVG legend on its own line
    x: { type: 'utc', label: null, ticks: years, tickFormat: (d: Date) => String(d.getUTCFullYear()) },
    y: { label: 'Incidents a month', grid: true, nice: true, zero: true, tickFormat: fmtCount, labelArrow: 'none' },
    marks: [
      Plot.ruleY([0], { stroke: palette.text }),
      Plot.lineY(data.filter((p) => p.series === 'Recorded crime'), { x: 'date', y: 'count', stroke: palette.crime, strokeWidth: 2.5 }),
      Plot.lineY(data.filter((p) => p.series === 'ASB'), { x: 'date', y: 'count', stroke: palette.asb, strokeWidth: 2.5, strokeDasharray: '7,4' }),
      Plot.dot(flagged, {
        x: 'date',
        y: 'count',
        symbol: (p: Point) => (p.flag === 'high' ? 'triangle' : triangleDown),
        r: 6,
        fill: colour,
        stroke: 'white',
        strokeWidth: 1.5,
        title: (p: Point) => `${fmtMonth(p.month)}: ${fmtCount(p.count)} ${p.series === 'ASB' ? 'ASB incidents' : measureOf(a).countNoun}, unusually ${p.flag}`,
      }),
    ],
  };
}

export function monthlySeriesSvg(a: Assessment, options: MonthlySeriesOptions = {}): string {
  const flagged = points(a.monthly).filter((p) => p.flag !== undefined);
  const legend: LegendItem[] = [{ label: measureOf(a).crime, color: palette.crime, shape: 'line' }];
  if (measureOf(a).hasAsb) legend.push({ label: 'ASB', color: palette.asb, shape: 'dashed-line' });
  if (flagged.some((p) => p.flag === 'high')) legend.push({ label: 'Unusually high month', color: palette.highlight, shape: 'triangle' });
  if (flagged.some((p) => p.flag === 'low')) legend.push({ label: 'Unusually low month', color: palette.highlight, shape: 'triangle-down' });
  const m = measureOf(a);
  const withAsb = points(a.monthly).some((p) => p.series === 'ASB');
  const flags = flagged.length
    ? ` Unusual months: ${flagged.map((p) => `${fmtMonth(p.month)} ${p.series === 'ASB' ? 'ASB' : m.crimeLower} ${p.flag} (${fmtCount(p.count)})`).join('; ')}.`
    : ' No month was unusual.';
  return plotSvg(monthlySeriesSpec(a, options), {
    id: options.id ?? 'chart-monthly',
    title: `${withAsb ? `${m.crime} and ASB` : m.crime} by month, ${a.area.name}, ${fmtPeriod(a.period)}`,
    desc: `Line chart of monthly counts: ${withAsb ? `${m.crimeLower} (solid line) and anti-social behaviour (dashed line)` : m.crimeLower}.${flags}`,
    legend,
  });
}
