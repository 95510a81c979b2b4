/**
 * The HTML page shell around the report: GOV.UK Frontend look, inlined CSS (no network requests), a
 * synthetic-data banner on every page, header, footer with sources and attribution, skip link, and
 * print CSS with a running synthetic label.
 */
import type { Assessment } from '../../assessment/model.ts';
import { esc } from './format.ts';
import { govukCss } from './govuk-css.ts';
import { SYNTHETIC_BANNER, reportCss } from './report-css.ts';

export { SYNTHETIC_BANNER };

export interface DocumentOptions {
  /** Published version: said in the header. */
  public?: boolean;
}

/** ISO timestamp in UK local time, fixed to Europe/London so output never depends on the host zone. */
export function fmtGeneratedAt(iso: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${date} at ${time}`;
}

export function syntheticBanner(): string {
  return `<div class="govuk-phase-banner app-synthetic-banner" role="region" aria-label="Data warning">
<div class="govuk-width-container"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-tag--yellow govuk-phase-banner__content__tag">Synthetic data</strong><span class="govuk-phase-banner__text">${esc(SYNTHETIC_BANNER)}</span></p></div>
</div>`;
}

/** Real data says what it is too: the source label on a green tag, so no page leaves provenance unsaid. */
export function realDataBanner(label: string): string {
  return `<div class="govuk-phase-banner app-real-data-banner" role="region" aria-label="Data provenance">
<div class="govuk-width-container"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-tag--green govuk-phase-banner__content__tag">Real data</strong><span class="govuk-phase-banner__text">${esc(label)}</span></p></div>
</div>`;
}

function footer(a: Assessment): string {
  const items = (xs: string[]): string => xs.map((x) => `<li>${esc(x)}</li>`).join('');
  return `<footer class="govuk-footer" role="contentinfo">
<div class="govuk-width-container">
<div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
<div class="app-footer__lists">
<h2 class="govuk-heading-s">Sources</h2>
<ul class="govuk-list govuk-!-font-size-16">${items(a.data.sources)}</ul>
<h2 class="govuk-heading-s">Attribution</h2>
<ul class="govuk-list govuk-!-font-size-16">${items(a.data.attribution)}</ul>
</div>
<p class="govuk-body-s">Generated ${esc(fmtGeneratedAt(a.generatedAt))} by csp-assess.${a.data.synthetic ? ` ${esc(SYNTHETIC_BANNER)}.` : ''}</p>
</div></div>
</div>
</footer>`;
}

/** Wraps the report's main content (title page, contents, sections) in a complete page. */
export function renderDocument(a: Assessment, main: string, options: DocumentOptions = {}): string {
  const synthetic = a.data.synthetic;
  const title = `${a.title}: ${a.area.name}${synthetic ? ' (synthetic data)' : ''}`;
  return `<!doctype html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="csp-assess">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${govukCss()}</style>
<style>${reportCss(synthetic ? SYNTHETIC_BANNER : null)}</style>
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" role="banner">
<div class="govuk-header__container govuk-width-container">
<span class="app-header__title">${esc(a.area.partnership)}${options.public ? ' <span class="govuk-!-font-weight-regular">(published edition)</span>' : ''}</span>
</div>
</header>
${synthetic ? syntheticBanner() : realDataBanner(a.data.label)}
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
${main}
</main>
</div>
${footer(a)}
</body>
</html>
`;
}
