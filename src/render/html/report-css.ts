/** The report's own CSS on top of GOV.UK Frontend: key figures, figures, compact tables and print (A4). */
export const SYNTHETIC_BANNER = 'Synthetic demonstration data — not real crimes or people';

/** CSS string literal content (for @page margin boxes), with quotes and backslashes escaped. */
const cssString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function reportCss(runningLabel: string | null): string {
  const running = runningLabel
    ? `@page { @top-center { content: ${cssString(runningLabel)}; font: bold 9pt arial, sans-serif; color: #0b0c0c; } }`
    : '';
  return `
body { font-family: arial, sans-serif; }
.app-synthetic-banner { background: #fff7bf; border-bottom: 4px solid #0b0c0c; }
.app-synthetic-banner .govuk-phase-banner__text { font-weight: 700; color: #0b0c0c; }
.app-header__title { font-size: 1.5rem; font-weight: 700; color: #fff; padding: 10px 0; display: block; }
.app-key-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 15px; margin-bottom: 20px; }
.app-key-figure { border-left: 5px solid #1d70b8; background: #f3f2f1; padding: 10px 15px; }
.app-key-figure__value { display: block; font-size: 2.25rem; font-weight: 700; line-height: 1.1; }
.app-key-figure__label { display: block; font-size: 1rem; }
.app-figure { margin: 0 0 30px; }
.app-figure__graphic svg { max-width: 100%; height: auto; display: block; }
.app-figure-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 20px; }
.app-table--compact { font-size: 1rem; }
.app-table--compact .govuk-table__header, .app-table--compact .govuk-table__cell { padding-right: 10px; }
.app-list--tight { margin-bottom: 0; }
.app-list--tight li { margin-bottom: 4px; }
.app-tag { margin-left: 5px; font-size: 0.875rem; }
.app-findings { counter-reset: finding; padding-left: 0; }
.app-finding { border-left: 5px solid #1d70b8; padding: 0 0 5px 15px; margin-bottom: 15px; list-style: none; }
.app-evidence-details { margin: 5px 0 0; }
.app-finding__statement { margin-bottom: 10px; }
.app-finding__caution { margin: 10px 0 0; }
.app-evidence { margin: 10px 0 0; font-size: 1rem; }
.app-evidence .govuk-summary-list__key, .app-evidence .govuk-summary-list__value { padding: 2px 10px 2px 0; }
.app-title-page { padding-top: 30px; }
.app-print-only { display: none; }
.app-contents li { margin-bottom: 6px; }
.app-narrative { border-left: 5px solid #1d70b8; padding-left: 15px; margin-bottom: 20px; }
.app-marking { font-weight: 700; font-size: 1.2rem; letter-spacing: 0.05em; border: 2px solid #0b0c0c; display: inline-block; padding: 2px 8px; }
.app-contents ol { padding-left: 2.2em; }
${running}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html.govuk-template, body.govuk-template__body { background: #fff !important; font-size: 10pt; }
  .app-footer__lists { display: none; }
  .govuk-skip-link, .app-screen-only { display: none !important; }
  .app-print-only { display: block; }
  .govuk-width-container { max-width: none; margin: 0; }
  .govuk-main-wrapper { padding: 0; }
  .app-section { break-before: page; }
  .app-section--short { break-before: auto; margin-top: 10mm; }
  .app-title-page { padding-top: 20mm; }
  h2, h3, caption { break-after: avoid; }
  figure, tr, .app-finding, .app-key-figure, .govuk-warning-text { break-inside: avoid; }
  .app-figure-row { grid-template-columns: 1fr 1fr; }
  .app-figure-row--maps { display: block; }
  .app-figure__graphic svg { max-width: 165mm; max-height: 190mm; }
  .app-figure-row--maps .app-figure__graphic svg { max-height: 125mm; width: auto; }
  .app-figure { margin-bottom: 6mm; }
  .app-table--compact { font-size: 8.5pt; }
  .govuk-footer { background: none; border-top: 1px solid #b1b4b6; padding: 4mm 0 0; break-inside: avoid; }
  a[href^="#"] { text-decoration: none; }
  .app-contents li { break-inside: avoid; }
  .app-contents__page { float: right; font-variant-numeric: tabular-nums; }
  table.govuk-table { break-inside: avoid; }
  .govuk-details__summary { display: none; }
  .govuk-details__text { border-left: 0; padding-left: 0; }
  h3 + p, h3 + table, h3 + figure, h3 + ul { break-before: avoid; }
}`;
}
