/**
 * The priority risk matrix: likelihood across, harm up, cells shaded by risk (harm × likelihood), each
 * issue a numbered marker (its rank) so the chart and the ranked table read together. Plain SVG with a
 * title and description; the table beside it holds the same figures.
 */
import type { PriorityScore } from '../../analysis/priorities.ts';
import { esc } from '../html/format.ts';

const RISK_COLOURS = ['#cce2d8', '#fff7bf', '#fcd6c3', '#f4b6b6'];

export function riskMatrixSvg(issues: readonly PriorityScore[], scaleMax: number, id = 'risk-matrix'): string {
  const cell = 56;
  const left = 70;
  const top = 20;
  const size = cell * scaleMax;
  const band = (risk: number) => RISK_COLOURS[Math.min(RISK_COLOURS.length - 1, Math.floor((risk / (scaleMax * scaleMax)) * RISK_COLOURS.length))]!;
  const cells: string[] = [];
  for (let h = 1; h <= scaleMax; h++) {
    for (let l = 1; l <= scaleMax; l++) {
      cells.push(`<rect x="${left + (l - 1) * cell}" y="${top + (scaleMax - h) * cell}" width="${cell}" height="${cell}" fill="${band(h * l)}" stroke="#fff"/>`);
    }
  }
  // Issues sharing a cell sit side by side.
  const placed = new Map<string, number>();
  const markers = issues.map((i) => {
    const l = Math.round(i.likelihood);
    const h = Math.round(i.harm);
    const key = `${l},${h}`;
    const k = placed.get(key) ?? 0;
    placed.set(key, k + 1);
    const cx = left + (l - 1) * cell + 14 + (k % 3) * 14;
    const cy = top + (scaleMax - h) * cell + 14 + Math.floor(k / 3) * 14;
    return `<g><circle cx="${cx}" cy="${cy}" r="7" fill="#0b0c0c"/><text x="${cx}" y="${cy + 3.5}" font-size="9" text-anchor="middle" fill="#fff">${i.rank}</text></g>`;
  });
  const ticks = Array.from({ length: scaleMax }, (_, k) => k + 1);
  const axes = [
    ...ticks.map((t) => `<text x="${left + (t - 0.5) * cell}" y="${top + size + 16}" font-size="11" text-anchor="middle">${t}</text>`),
    ...ticks.map((t) => `<text x="${left - 8}" y="${top + (scaleMax - t + 0.5) * cell + 4}" font-size="11" text-anchor="end">${t}</text>`),
    `<text x="${left + size / 2}" y="${top + size + 34}" font-size="12" text-anchor="middle">Likelihood</text>`,
    `<text transform="translate(20 ${top + size / 2}) rotate(-90)" font-size="12" text-anchor="middle">Harm</text>`,
  ];
  const desc = issues.map((i) => `${i.rank}. ${i.title}: harm ${i.harm}, likelihood ${i.likelihood}`).join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${left + size + 10} ${top + size + 44}" width="${left + size + 10}" height="${top + size + 44}" font-family="arial, sans-serif">
<title id="${id}-title">Risk matrix: harm against likelihood for each issue, numbered by priority rank</title>
<desc id="${id}-desc">${esc(desc)}</desc>
${cells.join('')}${axes.join('')}${markers.join('')}
</svg>`;
}
