import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Edition } from '../../src/render/words/edition.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { backgroundExamples } from '../../src/render/sections/background/examples.ts';
import { renderBackground } from '../../src/render/sections/background/render.ts';
import { categoriesExamples } from '../../src/render/sections/categories/examples.ts';
import { renderCategories } from '../../src/render/sections/categories/render.ts';
import { dataNotesExamples } from '../../src/render/sections/data-notes/examples.ts';
import { renderDataNotes } from '../../src/render/sections/data-notes/render.ts';
import { headlineFindingsExamples } from '../../src/render/sections/headline-findings/examples.ts';
import { renderHeadlineFindings } from '../../src/render/sections/headline-findings/render.ts';
import { localitiesExamples } from '../../src/render/sections/localities/examples.ts';
import { renderLocalities } from '../../src/render/sections/localities/render.ts';
import { monthlyExamples } from '../../src/render/sections/monthly/examples.ts';
import { renderMonthly } from '../../src/render/sections/monthly/render.ts';
import { overviewExamples } from '../../src/render/sections/overview/examples.ts';
import { renderOverview } from '../../src/render/sections/overview/render.ts';
import { scopeExamples } from '../../src/render/sections/scope/examples.ts';
import { renderScope } from '../../src/render/sections/scope/render.ts';
import { titlePageExamples } from '../../src/render/sections/title-page/examples.ts';
import { renderTitlePage } from '../../src/render/sections/title-page/render.ts';

const sections: [string, (a: Assessment, ed: Edition) => string, Record<string, Assessment>][] = [
  ['background', renderBackground, backgroundExamples],
  ['scope', renderScope, scopeExamples],
  ['headline-findings', renderHeadlineFindings, headlineFindingsExamples],
  ['overview', renderOverview, overviewExamples],
  ['categories', renderCategories, categoriesExamples],
  ['monthly', renderMonthly, monthlyExamples],
  ['localities', renderLocalities, localitiesExamples],
  ['data-notes', renderDataNotes, dataNotesExamples],
];

const dom = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document;

describe('section examples', () => {
  for (const [id, render, examples] of sections) {
    for (const [name, a] of Object.entries(examples)) {
      it(`${id} / ${name} opens with its h2 and has well-formed tables`, () => {
        const html = render(a, { public: false, suppressBelow: 5 });
        expect(html).toMatch(new RegExp(`^<h2 class="govuk-heading-l" id="${id}">`));
        const doc = dom(html);
        expect(doc.querySelectorAll('h1').length).toBe(0);
        for (const t of Array.from(doc.querySelectorAll('table'))) {
          expect(t.querySelector('caption')).not.toBeNull();
          expect(t.querySelectorAll('th:not([scope])').length).toBe(0);
        }
      });
    }
  }

  it('title page holds the h1', () => {
    for (const a of Object.values(titlePageExamples)) expect(dom(renderTitlePage(a)).querySelectorAll('h1').length).toBe(1);
  });

  it('background reports coverage gaps as gaps', () => {
    const html = renderBackground(backgroundExamples['coverage-gap'] as Assessment);
    expect(html).toContain('March 2015 and April 2015');
    expect(html).toContain('not falls in crime');
  });

  it('scope falls back to a note without themes', () => {
    expect(renderScope(scopeExamples['police-only'] as Assessment)).toContain('No partnership themes are configured');
  });

  it('overview states the tested change in plain words', () => {
    const html = renderOverview(overviewExamples.demo as Assessment);
    expect(html).toMatch(/Recorded crime rose \d+% from 2014 to 2016/);
    expect(html).toContain('not statistically significant');
    expect(renderOverview(overviewExamples['no-change-test'] as Assessment)).toContain('too few full years');
  });

  it('categories mark significance per row', () => {
    const html = renderCategories(categoriesExamples.demo as Assessment);
    expect(html).toContain('Not significant');
    expect(html).toContain('Significant');
    expect(html).toContain('2017 (Jan-Jun)');
  });

  it('monthly lists flagged months, or says there were none', () => {
    expect(renderMonthly(monthlyExamples.flagged as Assessment)).toContain('July 2016: ');
    expect(renderMonthly(monthlyExamples.quiet as Assessment)).toContain('No month was outside the control limits');
  });

  it('data notes explain the methods and the records without a location', () => {
    const html = renderDataNotes(dataNotesExamples.synthetic as Assessment, { public: false, suppressBelow: 5 });
    expect(html).toContain('quasi-Poisson test');
    expect(html).toContain('Benjamini-Hochberg');
    expect(html).toContain('the error of the expected level');
    expect(html).toMatch(/1,104 records of .* had no known location/);
    expect(html).toContain('in no area');
  });
});
