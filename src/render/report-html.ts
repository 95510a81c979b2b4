/**
 * The HTML report: title page, contents list, the police overview sections, then any extra sections
 * (themes, peers, hotspots), then data notes. Each section is a function returning a fragment that
 * starts with `<h2 id="…">`; this module wraps it in a page-breaking <section> and lists it in the
 * contents, so adding a section is one import and one line in `extraSections`.
 */
import type { Assessment } from '../assessment/model.ts';
import { renderDocument } from './html/document.ts';
import { esc } from './html/format.ts';
import { type Edition, FULL_EDITION } from './words/edition.ts';
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
import { renderThemes } from './sections/themes/render.ts';
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

/** The police overview, in reading order. */
export const coreSections: ReportSection[] = [renderBackground, renderScope, renderHeadlineFindings, renderOverview, renderCategories, renderMonthly, renderLocalities];

/** Sections after the police overview and before the data notes. Add yours here: one import, one line. */
export const extraSections: ReportSection[] = [
  renderPeers,
  renderConcentration,
  renderHotspots,
  renderHarm,
  (a, o) => (a.themes ? renderThemes(a.themes, { ...o, area: a.area.name, forceArea: a.area.forceAreaName }) : ''),
];

/** Sections that close the report. */
export const closingSections: ReportSection[] = [renderDataNotes];

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
export function publicView(a: Assessment): Assessment {
  const findings = a.findings.filter((f) => !f.restricted);
  if (!a.themes) return { ...a, findings };
  const themes = a.themes.map((t) => ({ ...t, issues: t.issues.filter((i) => !i.restricted) })).filter((t) => t.issues.length > 0);
  return { ...a, findings, themes };
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
  const a = o.public ? publicView(assessment) : assessment;
  const sections = [...coreSections, ...extraSections, ...closingSections]
    .map((render) => render(a, o))
    .flatMap((html) => html.split(/(?=<h2\b[^>]*\bid=")/))
    .filter((html) => html.trim() !== '')
    .map(place);
  const body = sections.map((s) => `<section class="app-section" aria-labelledby="${esc(s.id)}">\n${s.html}\n</section>`).join('\n');
  return renderDocument(a, `${renderTitlePage(a)}\n${contents(sections)}\n${body}`, o);
}
