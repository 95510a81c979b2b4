/** Renders the example report to PDF with the Chromium ./browser.ts finds. No skip: a missing Chromium fails here. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../src/render/pdf/report-pdf.ts';
import { renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { readPdf } from '../helpers/pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'csp-assess-pdf-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderReportPdf', () => {
  it('renders the example to an A4 PDF of at least 3 pages carrying the title and data label', async () => {
    const out = join(dir, 'report.pdf');
    await renderReportPdf(renderReportHtml(exampleAssessment), out, { dataLabel: exampleAssessment.data.label });
    expect(existsSync(out)).toBe(true);
    const pages = await readPdf(out);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // A4 is 210 x 297 mm, 595.3 x 841.9 points; Chromium rounds to whole CSS pixels (US Letter is 612 x 792).
    for (const p of pages) {
      expect(Math.abs(p.width - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(p.height - 841.9)).toBeLessThan(1.5);
    }
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('Community Safety Strategic Assessment');
    expect(text).toContain('Synthetic demonstration data');
    expect(pages[0]!.text).toMatch(new RegExp(`Page 1 of ${pages.length}\\b`));
  });
});
