import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNarrative } from '../../src/assessment/narrative.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';

const TEXT = `# Narrative

## headline-findings
Crime rose, and the partnership should **act** on it.

- First point
- <script>alert(1)</script>

## overview
Overview commentary.
`;

describe('analyst narrative', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'narrative-')), 'narrative.md');
  writeFileSync(file, TEXT);

  it('signs unsigned blocks once, keeping every word, and renders them in place', () => {
    const blocks = loadNarrative(file, exampleAssessment);
    expect(blocks.map((b) => [b.section, b.stale])).toEqual([['headline-findings', false], ['overview', false]]);
    const signed = readFileSync(file, 'utf8');
    expect(signed).toMatch(/## headline-findings\n<!-- figures: [0-9a-f]{12} -->\nCrime rose/);
    expect(signed.replace(/<!-- figures: [0-9a-f]+ -->\n/g, '')).toBe(TEXT);
    const html = renderReportHtml({ ...exampleAssessment, narrative: blocks });
    expect(html).toMatch(/id="headline-findings"[^>]*>Headline findings<\/h2>\n<div class="app-narrative"[^>]*><p class="govuk-body">Crime rose, and the partnership should <strong>act<\/strong> on it.<\/p>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('have changed since this commentary was written');
  });

  it('survives a re-run unchanged when the figures are the same', () => {
    const before = readFileSync(file, 'utf8');
    const blocks = loadNarrative(file, exampleAssessment);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(blocks.every((b) => !b.stale)).toBe(true);
  });

  it('flags the text when the figures it sits next to changed', () => {
    const changed: Assessment = { ...exampleAssessment, overview: { ...exampleAssessment.overview, crime: exampleAssessment.overview.crime + 1 } };
    const blocks = loadNarrative(file, changed);
    expect(blocks.find((b) => b.section === 'overview')!.stale).toBe(true);
    expect(blocks.find((b) => b.section === 'headline-findings')!.stale).toBe(false);
    const html = renderReportHtml({ ...changed, narrative: blocks });
    expect(html).toContain('have changed since this commentary was written');
    expect(html).toContain('Overview commentary.');
  });
});
