/** Background and method: why the assessment exists, what it covers, the data it uses and its gaps. */
import type { Assessment } from '../../../assessment/model.ts';
import { esc, fmtCount, fmtMonth, fmtPeriod, listWords } from '../../html/format.ts';
import { sectionHeading } from '../../html/figure.ts';

export function coverageHtml(a: Assessment): string {
  const missing = a.coverage.missingMonths;
  if (missing.length === 0) {
    return `<p class="govuk-body">Police data is present for all ${fmtCount(a.coverage.expectedMonths)} months of the period.</p>`;
  }
  return `<div class="govuk-warning-text">
<span class="govuk-warning-text__icon" aria-hidden="true">!</span>
<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
${fmtCount(missing.length)} of ${fmtCount(a.coverage.expectedMonths)} months have no police data: ${esc(listWords(missing.map(fmtMonth)))}. These are gaps in the published data, not falls in crime: ${trimmedWords(a)}no rate, rank or change is computed over a period with a gap.</strong>
</div>${notComputedHtml(a)}`;
}

/** "the assessment covers February 2016 to January 2019, the months with data; " when the configured period was trimmed. */
function trimmedWords(a: Assessment): string {
  const c = a.coverage.configured;
  if (!c || (c.from === a.period.from && c.to === a.period.to)) return '';
  return `the assessment covers ${esc(fmtPeriod(a.period))}, the months with data; `;
}

/** The figures left out because a period they need has a gap, and why. */
function notComputedHtml(a: Assessment): string {
  const n = a.coverage.notComputed ?? [];
  if (n.length === 0) return '';
  const items = n.map((x) => `<li>${esc(x.figure)}: ${esc(fmtPeriod(x.period))} lacks data${x.missingMonths.length ? ` for ${esc(listWords(x.missingMonths.map(fmtMonth)))}` : ''}${x.forces.length ? ` (${esc(listWords(x.forces))})` : ''}.</li>`).join('');
  return `<p class="govuk-body">Not computed for lack of data:</p><ul class="govuk-list govuk-list--bullet">${items}</ul>`;
}

export function renderBackground(a: Assessment): string {
  const full = a.period.fullYears;
  const trend = full.length ? `${full[0]} to ${full[full.length - 1]}` : 'the period';
  const sources = a.data.sources.map((s) => `<li>${esc(s)}</li>`).join('');
  return `${sectionHeading('background', 'Background and method')}
<p class="govuk-body">Community safety partnerships must each year assess the levels and patterns of crime, disorder and anti-social behaviour (ASB) in their area, and what has changed (Crime and Disorder Act 1998, section 6, and the Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007). This assessment for the ${esc(a.area.partnership)} informs the partnership's priorities and local policing and partnership activity.</p>
<h3 class="govuk-heading-m">What it covers</h3>
<ul class="govuk-list govuk-list--bullet">
<li>Period: ${esc(fmtPeriod(a.period))}: trends across the full years ${esc(trend)}, and the latest months against the same months a year earlier.</li>
<li>Area: an overview of ${esc(a.area.name)}${a.localities.length ? ` and its ${fmtCount(a.localities.length)} localities` : ''}.</li>
<li>Population base: ${fmtCount(a.population.total)} residents in ${a.population.year} (${esc(a.population.source)}).</li>
</ul>
<h3 class="govuk-heading-m">Police data used</h3>
<p class="govuk-body">Street-level recorded crime and ASB for the ${esc(a.area.forceAreaName)} force area, as published each month on data.police.uk. These figures are close to, but not the same as, the force's own recorded crime figures: locations are moved to nearby anonymous map points, and some crimes have no known location. A crime is counted in ${esc(a.area.name)}'s totals when its location places it in ${esc(a.area.name)}; ${a.overview.unknownLocation === 0 ? `none of the ${esc(a.area.force)} records in the period lacked a location` : `the ${fmtCount(a.overview.unknownLocation)} ${esc(a.area.force)} records in the period with no location at all cannot be placed in any district, so they are in no area's totals (see the data quality appendix)`}.</p>
<h3 class="govuk-heading-m">Data sources</h3>
<ul class="govuk-list govuk-list--bullet">${sources}</ul>
<h3 class="govuk-heading-m">Coverage</h3>
${coverageHtml(a)}${
    a.geometry?.mapsOmitted
      ? '<p class="govuk-body">No LSOA boundaries are loaded for this area, so maps and hotspots are left out. Every other figure (counts, rates, changes and concentration by LSOA, locality and district) comes from the LSOA codes in the police data through the lookups.</p>'
      : ''
  }
<h3 class="govuk-heading-m">How changes are tested</h3>
<p class="govuk-body">A percentage change on its own can mislead, especially on small numbers. Each change between two periods is tested, and the report says when a change is not statistically significant, meaning it is within what chance variation alone would produce.</p>
<p class="govuk-body">Crime counts vary more from month to month than pure chance would make them (overdispersion). Each series' extra variation is measured from its monthly counts after trend and season, and every test allows for it (a quasi-Poisson test); the simpler Poisson test, which ignores it, would call most changes significant. Where a table tests several changes at once (crime types, localities, districts), the p-values are adjusted for multiple testing (Benjamini-Hochberg).</p>`;
}
