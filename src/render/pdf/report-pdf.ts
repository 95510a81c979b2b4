/**
 * HTML report → A4 PDF with Chromium (./browser.ts: Debian's, else the npm one) driven by
 * playwright-core. The page is loaded from a string with every network request refused (the report is
 * self-contained by design), in a fresh profile that is deleted afterwards. Header and footer carry
 * the data label and page numbers.
 */
import { esc } from '../html/format.ts';
import { openChromium } from './browser.ts';

export interface ReportPdfOptions {
  /** Shown in the running header of every page, e.g. the synthetic-data label; none when omitted. */
  dataLabel?: string | null;
  /** Chromium binary; default as ./browser.ts finds it. */
  executablePath?: string;
}

/** Templates render in their own document at a tiny default size, hence explicit font sizes. */
function headerTemplate(label: string | null | undefined): string {
  const text = label ? esc(label) : '';
  return `<div style="font: bold 8pt arial, sans-serif; color: #0b0c0c; width: 100%; text-align: center; padding: 0 14mm;">${text}</div>`;
}

function footerTemplate(label: string | null | undefined): string {
  const left = label ? `<span>${esc(label)}</span>` : '<span></span>';
  return `<div style="font: 8pt arial, sans-serif; color: #0b0c0c; width: 100%; display: flex; justify-content: space-between; padding: 0 14mm;">${left}<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

export async function renderReportPdf(html: string, outFile: string, options: ReportPdfOptions = {}): Promise<void> {
  const browser = await openChromium({ offline: true, executablePath: options.executablePath });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // The PDF templates carry the running label, so the CSS margin-box copy would print twice.
    await page.addStyleTag({ content: '@page { @top-center { content: none; } }' });
    await page.pdf({
      path: outFile,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(options.dataLabel),
      footerTemplate: footerTemplate(options.dataLabel),
      margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
