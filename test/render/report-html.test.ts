import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assessment/model.ts';
import { SYNTHETIC_BANNER } from '../../src/render/html/document.ts';
import { extraSections, renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { titlePageExamples } from '../../src/render/sections/title-page/examples.ts';

const real = titlePageExamples['real-data'] as Assessment;
const parse = (html: string) => parseHTML(html).document;
const html = renderReportHtml(exampleAssessment);
const doc = parse(html);

describe('report HTML structure', () => {
  it('is an en-GB document with a title and one h1', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('en-GB');
    expect(doc.querySelector('title')?.textContent).toContain(exampleAssessment.title);
    expect(doc.querySelectorAll('h1').length).toBe(1);
  });

  it('has a skip link to the main content', () => {
    const skip = doc.querySelector('a.govuk-skip-link');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(doc.getElementById('main-content')).not.toBeNull();
  });

  it('opens every section with an h2 the contents list links to', () => {
    const sections = Array.from(doc.querySelectorAll('main section.app-section'));
    expect(sections.map((s) => s.firstElementChild?.tagName.toLowerCase())).toEqual(sections.map(() => 'h2'));
    const ids = sections.map((s) => s.querySelector('h2')?.getAttribute('id'));
    // In the board's order: one section per theme, the localities, intelligence gaps, the data quality appendix and glossary.
    const themeIds = (exampleAssessment.themes ?? []).map((t) => `theme-${t.id}`);
    expect(ids).toEqual(['background', 'scope', 'headline-findings', 'overview', 'categories', 'monthly', ...themeIds, 'localities', 'intelligence-gaps', 'changes', 'data-notes', 'glossary']);
    const links = Array.from(doc.querySelectorAll('nav.app-contents a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(ids.map((id) => `#${id}`));
  });

  it('captions every table and scopes every header cell', () => {
    const tables = Array.from(doc.querySelectorAll('table'));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) {
      expect(t.querySelector('caption')?.textContent).toMatch(/\S/);
      for (const th of Array.from(t.querySelectorAll('th'))) expect(['col', 'row']).toContain(th.getAttribute('scope'));
    }
  });

  it('shows the synthetic banner when synthetic and not otherwise', () => {
    expect(doc.querySelector('.app-synthetic-banner')?.textContent).toContain(SYNTHETIC_BANNER);
    expect(html).toContain('@top-center'); // the running print label
    const realHtml = renderReportHtml(real);
    expect(parse(realHtml).querySelector('.app-synthetic-banner')).toBeNull();
    expect(realHtml).not.toContain(SYNTHETIC_BANNER);
  });

  it('carries the attribution and generation time', () => {
    const footer = doc.querySelector('footer')?.textContent ?? '';
    expect(footer).toContain('Contains National Statistics and OS data © Crown copyright and database right');
    expect(footer).toContain('Generated 1 September 2017 at 10:00');
    expect(html).toContain('Contains National Statistics and OS data © Crown copyright and database right</text>');
  });

  it('makes no network request: no external src, href or url()', () => {
    for (const el of Array.from(doc.querySelectorAll('[src], [href]'))) {
      const ref = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
      expect(ref.startsWith('#') || ref.startsWith('data:'), ref).toBe(true);
    }
    expect(html).not.toMatch(/url\((?!#|none)/);
    expect(html).not.toContain('@font-face');
    expect(html).not.toMatch(/@import/);
  });

  it('formats numbers en-GB', () => {
    expect(html).toContain(exampleAssessment.overview.crime.toLocaleString('en-GB'));
    expect(html).toMatch(/\d+%/);
  });

  it('says when a finding is not statistically significant', () => {
    const finding = doc.getElementById('finding-asb-change')?.textContent ?? '';
    expect(finding).toContain('Not statistically significant');
  });

  it('leaves restricted issues out of the public version', () => {
    expect(html).toContain('Organised crime groups');
    const pub = renderReportHtml(exampleAssessment, { public: true });
    expect(pub).not.toContain('Organised crime groups');
    expect(pub).not.toContain('Child sexual exploitation');
    const secret: Assessment = {
      ...exampleAssessment,
      findings: [
        ...exampleAssessment.findings,
        { id: 'ocg', kind: 'issue', subject: 'OCG', facts: { kind: 'issue', issueId: 'ocg-secret', issueTitle: 'Eleven organised crime groups' }, figures: [], comparison: null, test: null, significant: null, theme: 'soc', restricted: true },
      ],
    };
    expect(renderReportHtml(secret)).toContain('Eleven organised crime groups');
    expect(renderReportHtml(secret, { public: true })).not.toContain('Eleven organised crime groups');
  });

  it('places registered extra sections after the places and before the workshops, gaps and priorities', () => {
    const extra = (a: Assessment, o: { public: boolean }) => `<h2 class="govuk-heading-l" id="extra">Extra for ${a.area.name}${o.public ? ' (public)' : ''}</h2><p>x</p>`;
    extraSections.push(extra);
    try {
      const ids = Array.from(parse(renderReportHtml(exampleAssessment)).querySelectorAll('main section h2')).map((h) => h.getAttribute('id'));
      expect(ids.slice(ids.indexOf('localities'), ids.indexOf('localities') + 3)).toEqual(['localities', 'extra', 'intelligence-gaps']);
    } finally {
      extraSections.splice(extraSections.indexOf(extra), 1);
    }
  });

  it('rejects a section that does not start with an h2 id', () => {
    const bad = () => '<p>no heading</p>';
    extraSections.push(bad);
    try {
      expect(() => renderReportHtml(exampleAssessment)).toThrow(/invalid section/);
    } finally {
      extraSections.splice(extraSections.indexOf(bad), 1);
    }
  });
});
