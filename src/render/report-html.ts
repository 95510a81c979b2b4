/**
 * The HTML report in the order a partnership board reads it: cover, contents, background and method,
 * scope, headline findings, the evidence by theme, localities and one report per locality, hot spots,
 * workshop issues, intelligence gaps, priorities, changes since the last assessment, data quality and
 * glossary. Each section is a function returning a fragment that starts with `<h2 id="…">`; this
 * module wraps it in a page-breaking <section> and lists it in the contents.
 */
import type { Assessment } from '../assessment/model.ts';
import type { NarrativeBlock } from '../assessment/narrative.ts';
import { renderDocument } from './html/document.ts';
import { warningText } from './html/warning.ts';
import { markdownHtml } from './html/markdown.ts';
import { esc } from './html/format.ts';
import { type Edition, FULL_EDITION, isSuppressed } from './words/edition.ts';
import { suppressReportTables } from './words/suppress-tables.ts';
import { renderBackground } from './sections/background/render.ts';
import { renderCategories } from './sections/categories/render.ts';
import { renderDataNotes } from './sections/data-notes/render.ts';
import { renderHeadlineFindings } from './sections/headline-findings/render.ts';
import { renderLocalities } from './sections/localities/render.ts';
import { renderMonthly } from './sections/monthly/render.ts';
import { renderOverview } from './sections/overview/render.ts';
import { renderScope } from './sections/scope/render.ts';
import { renderConcentration } from './sections/concentration/render.ts';
import { renderHarm } from './sections/harm/render.ts';
import { renderHotspots } from './sections/hotspots/render.ts';
import { renderPeers } from './sections/peers/render.ts';
import { renderSpaceTime } from './sections/space-time/render.ts';
import { renderIntelligenceGaps, renderThemes } from './sections/themes/render.ts';
import { renderGlossary } from './sections/glossary/render.ts';
import { renderLocalityReports } from './sections/locality-reports/render.ts';
import { renderWorkshops } from './sections/workshops/render.ts';
import { renderPriorities } from './sections/priorities/render.ts';
import { renderChanges } from './sections/changes/render.ts';
import { renderTitlePage } from './sections/title-page/render.ts';

/** What a report is rendered for: the edition (published or full), its threshold and marking. */
export type ReportOptions = Edition;

/** The edition of an assessment: its configured threshold and marking, published or not. */
export function editionOf(a: Assessment, isPublic: boolean): Edition {
  const d = a.document;
  return { public: isPublic, suppressBelow: d?.suppressBelow ?? FULL_EDITION.suppressBelow, marking: isPublic ? null : (d?.protectiveMarking ?? null) };
}

/**
 * A report section: an HTML fragment starting with `<h2 id="…">`, or '' to leave the section out. A
 * fragment with several `<h2 id>` headings (one per theme, say) becomes that many sections.
 */
export type ReportSection = (a: Assessment, o: ReportOptions) => string;

const themesOf = (a: Assessment, o: ReportOptions): string => (a.themes ? renderThemes(a.themes, { ...o, area: a.area.name, forceArea: a.area.forceAreaName }) : '');
const gapsOf = (a: Assessment, o: ReportOptions): string => (a.themes ? renderIntelligenceGaps(a.themes, o) : '');

/** Opening: background and method, scope, headline findings, then the crime and ASB evidence. */
export const coreSections: ReportSection[] = [renderBackground, renderScope, renderHeadlineFindings, renderOverview, renderCategories, renderMonthly, renderPeers, renderConcentration, renderHarm];

/** The themes, then places: the localities overview map, one report per locality, the hot spots. */
export const placeSections: ReportSection[] = [themesOf, renderLocalities, renderLocalityReports, renderHotspots];

/**
 * Sections after the hot spots and before the workshops and priorities: space-time patterns and
 * other analyses plug in here, one import and one line each.
 */
export const extraSections: ReportSection[] = [renderSpaceTime];

/** What the partnership acts on: workshop issues, gaps, priorities and what changed since last time. */
export const actionSections: ReportSection[] = [renderWorkshops, gapsOf, renderPriorities, renderChanges];

/** Sections that close the report. */
export const closingSections: ReportSection[] = [renderDataNotes, renderGlossary];

const H2 = /^\s*<h2\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/;

interface Placed {
  id: string;
  heading: string;
  html: string;
}

function place(fragment: string): Placed {
  const m = H2.exec(fragment);
  if (!m) throw new Error(`invalid section: must start with <h2 id>: ${fragment.slice(0, 60)}`);
  return { id: m[1] as string, heading: (m[2] as string).replace(/<[^>]+>/g, ''), html: fragment };
}

/** Restricted issues and findings (CSE detail, OCG, Prevent) never reach a published report. */
export function publicView(a: Assessment, ed: Edition = { ...FULL_EDITION, public: true }): Assessment {
  const findings = a.findings.filter((f) => !f.restricted);
  // A locality's rate on a small count gives the count back (rate × residents): its map shows no data.
  const withheld = (count: number, rate: number) => (isSuppressed(count, ed) ? Number.NaN : rate);
  const localityMap = {
    ...a.localityMap,
    features: a.localityMap.features.map((f) => ({
      ...f,
      properties: { ...f.properties, crimeRatePer1000: withheld(f.properties.crime, f.properties.crimeRatePer1000), asbRatePer1000: withheld(f.properties.asb, f.properties.asbRatePer1000) },
    })),
  };
  const localities = a.localities.map((l) => ({ ...l, crimeRatePer1000: withheld(l.crime, l.crimeRatePer1000), asbRatePer1000: withheld(l.asb, l.asbRatePer1000) }));
  if (!a.themes) return { ...a, findings, localityMap, localities };
  const themes = a.themes.map((t) => ({ ...t, issues: t.issues.filter((i) => !i.restricted) })).filter((t) => t.issues.length > 0);
  return { ...a, findings, themes, localityMap, localities };
}

/** The analyst's text for a section, after its heading; flagged when the figures changed since it was written. */
function withNarrative(s: Placed, blocks: readonly NarrativeBlock[]): string {
  const b = blocks.find((x) => x.section === s.id);
  if (!b) return s.html;
  const stale = b.stale
    ? warningText('The figures in this section have changed since this commentary was written: review it before publishing.')
    : '';
  const box = `<div class="app-narrative" data-section="${esc(b.section)}">${stale}${markdownHtml(b.markdown)}</div>`;
  return s.html.replace(/<\/h2>/, `</h2>\n${box}`);
}

function contents(sections: Placed[]): string {
  const items = sections.map((s) => `<li><a class="govuk-link" href="#${esc(s.id)}">${s.heading}</a></li>`).join('\n');
  return `<nav class="app-contents" aria-labelledby="contents-heading">
<h2 class="govuk-heading-l" id="contents-heading">Contents</h2>
<ol class="govuk-list govuk-list--number">
${items}
</ol>
</nav>`;
}

export function renderReportHtml(assessment: Assessment, options: { public?: boolean } = {}): string {
  const o = editionOf(assessment, options.public ?? false);
  const a = o.public ? publicView(assessment, o) : assessment;
  const sections = [...coreSections, ...placeSections, ...extraSections, ...actionSections, ...closingSections]
    .map((render) => render(a, o))
    .flatMap((html) => html.split(/(?=<h2\b[^>]*\bid=")/))
    .filter((html) => html.trim() !== '')
    .map(place);
  for (const s of sections) s.html = withNarrative(s, a.narrative ?? []);
  // A short section (a list, a paragraph) continues the page rather than leaving most of one empty.
  const short = (html: string) => !/<(table|figure|svg)\b/.test(html) && html.replace(/<[^>]+>/g, '').length < 1200;
  const body = sections.map((s) => `<section class="app-section${short(s.html) ? ' app-section--short' : ''}" aria-labelledby="${esc(s.id)}">\n${s.html}\n</section>`).join('\n');
  return suppressReportTables(renderDocument(a, `${renderTitlePage(a, o)}\n${contents(sections)}\n${body}`, o), o);
}
