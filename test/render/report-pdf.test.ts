/** Renders the example report to PDF with Debian's chromium. No skip: a missing chromium fails here. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../src/render/pdf/report-pdf.ts';
import { renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';

const dir = mkdtempSync(join(tmpdir(), 'csp-assess-pdf-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderReportPdf', () => {
  it('renders the example to an A4 PDF of at least 3 pages carrying the title and data label', async () => {
    const out = join(dir, 'report.pdf');
    await renderReportPdf(renderReportHtml(exampleAssessment), out, { dataLabel: exampleAssessment.data.label });
    expect(existsSync(out)).toBe(true);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toContain("(A4)");
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Community Safety Strategic Assessment');
    expect(text).toContain('Synthetic demonstration data');
    expect(text).toMatch(/Page 1 of \d+/);
  });
});
