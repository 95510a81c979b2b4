/** Horizontal bars of recorded crime by category over the assessed period (ASB is not crime: left out). */
import * as Plot from '@observablehq/plot';
import type { Assessment, CategorySummary } from '../../assessment/model.ts';
import { fmtCount, fmtPeriod, fmtShare } from '../html/format.ts';
import { palette } from './palette.ts';
import { plotSvg } from './plot-svg.ts';

export interface CrimeByTypeOptions {
  width?: number;
  id?: string;
}

const rowsOf = (a: Assessment): CategorySummary[] => a.categories.filter((c) => !c.isAsb).sort((x, y) => y.total - x.total || x.category.localeCompare(y.category));

export function crimeByTypeSpec(a: Assessment, options: CrimeByTypeOptions = {}): Plot.PlotOptions {
  const rows = rowsOf(a);
  return {
    width: options.width ?? 720,
    height: 66 + rows.length * 30,
    marginLeft: 210, // fits "Violence and sexual offences" at 14px
    marginRight: 110, // room for the "18,340 (29%)" label past the longest bar
    marginTop: 10,
    marginBottom: 56, // tick labels, then the axis label on its own line
    x: { label: 'Recorded crimes', grid: true, nice: true, tickFormat: fmtCount, labelAnchor: 'right', labelArrow: 'none', labelOffset: 48 },
    y: { label: null, domain: rows.map((r) => r.category), tickSize: 0 },
    marks: [
      Plot.barX(rows, { x: 'total', y: 'category', fill: palette.crime, insetTop: 3, insetBottom: 3 }),
      Plot.text(rows, { x: 'total', y: 'category', text: (d: CategorySummary) => `${fmtCount(d.total)} (${fmtShare(d.share)})`, textAnchor: 'start', dx: 5, fill: palette.text }),
      Plot.ruleX([0], { stroke: palette.text }),
    ],
  };
}

export function crimeByTypeSvg(a: Assessment, options: CrimeByTypeOptions = {}): string {
  const rows = rowsOf(a);
  const top = rows.slice(0, 3).map((r) => `${r.category} ${fmtCount(r.total)}`).join('; ');
  return plotSvg(crimeByTypeSpec(a, options), {
    id: options.id ?? 'chart-crime-by-type',
    title: `Recorded crime by category, ${a.area.name}, ${fmtPeriod(a.period)}`,
    desc: `Horizontal bar chart of ${rows.length} police crime categories, largest first. Each bar is labelled with its count and share of recorded crime. Largest: ${top}. Anti-social behaviour is not included.`,
  });
}
