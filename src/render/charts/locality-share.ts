/** Share of the borough's located recorded crime in each locality, largest first, labelled in per cent. */
import * as Plot from '@observablehq/plot';
import type { Assessment, LocalityRow } from '../../assessment/model.ts';
import { fmtShare, measureOf } from '../html/format.ts';
import { palette } from './palette.ts';
import { plotSvg } from './plot-svg.ts';

export interface LocalityShareOptions {
  width?: number;
  id?: string;
}

const rowsOf = (a: Assessment): LocalityRow[] => [...a.localities].sort((x, y) => y.crimeShare - x.crimeShare || x.name.localeCompare(y.name));

export function localityShareSpec(a: Assessment, options: LocalityShareOptions = {}): Plot.PlotOptions {
  const rows = rowsOf(a);
  const longest = Math.max(8, ...rows.map((r) => r.name.length));
  return {
    width: options.width ?? 640,
    height: 66 + rows.length * 30,
    marginLeft: Math.ceil(longest * 7.6) + 12,
    marginRight: 48,
    marginTop: 10,
    marginBottom: 56, // tick labels, then the axis label on its own line
    x: { label: 'Share of located recorded crime', grid: true, nice: true, tickFormat: (d: number) => fmtShare(d), labelAnchor: 'right', labelArrow: 'none', labelOffset: 48 },
    y: { label: null, domain: rows.map((r) => r.name), tickSize: 0 },
    marks: [
      Plot.barX(rows, { x: 'crimeShare', y: 'name', fill: palette.crime, insetTop: 3, insetBottom: 3 }),
      Plot.text(rows, { x: 'crimeShare', y: 'name', text: (d: LocalityRow) => fmtShare(d.crimeShare), textAnchor: 'start', dx: 5, fill: palette.text }),
      Plot.ruleX([0], { stroke: palette.text }),
    ],
  };
}

export function localityShareSvg(a: Assessment, options: LocalityShareOptions = {}): string {
  const rows = rowsOf(a);
  return plotSvg(localityShareSpec(a, options), {
    id: options.id ?? 'chart-locality-share',
    title: `Share of ${measureOf(a).crimeLower} by locality, ${a.area.name}`,
    desc: `Bar chart, largest first: ${rows.map((r) => `${r.name} ${fmtShare(r.crimeShare)}`).join('; ')}.`,
  });
}
