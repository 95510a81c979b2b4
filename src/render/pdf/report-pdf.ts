/**
 * HTML report → A4 PDF with Chromium (./browser.ts: Debian's, else the npm one) driven by
 * playwright-core. The page is loaded from a string with every network request refused (the report is
 * self-contained by design), in a fresh profile that is deleted afterwards. Header and footer carry
 * the data label and page numbers.
 */
import { esc } from '../html/format.ts';
import { openChromium } from './browser.ts';
import { pdfPageTexts } from './pdf-text.ts';

export interface ReportPdfOptions {
  /** Shown in the running header of every page, e.g. the synthetic-data label; none when omitted. */
  dataLabel?: string | null;
  /** Protective marking printed at the top and bottom of every page (full edition), e.g. "OFFICIAL-SENSITIVE". */
  marking?: string | null;
  /** Edition label printed on every page, e.g. "Published edition". */
  edition?: string | null;
  /** Chromium binary; default /usr/bin/chromium, then /usr/lib/chromium/chromium. */
  executablePath?: string;
}

/** Templates render in their own document at a tiny default size, hence explicit font sizes. */
function headerTemplate(o: ReportPdfOptions): string {
  const parts = [o.marking, o.edition, o.dataLabel].filter((x): x is string => Boolean(x)).map(esc);
  return `<div style="font: bold 8pt arial, sans-serif; color: #0b0c0c; width: 100%; text-align: center; padding: 0 14mm;">${parts.join(' \u00b7 ')}</div>`;
}

function footerTemplate(o: ReportPdfOptions): string {
  const left = [o.marking, o.dataLabel ?? o.edition].filter((x): x is string => Boolean(x)).map(esc).join(' \u00b7 ');
  return `<div style="font: 8pt arial, sans-serif; color: #0b0c0c; width: 100%; display: flex; justify-content: space-between; padding: 0 14mm;"><span>${left}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();

/**
 * The page (1-based) each heading is on, searching forward in document order from the page after the
 * contents: most sections start a page, so their heading is its first text; a short section follows
 * on from the one before, so its heading is a line of the page. Null where a heading is not found.
 */
export function sectionPages(pages: readonly string[], headings: readonly string[]): (number | null)[] {
  const first = squash(headings[0] ?? '');
  let from = Math.max(0, pages.findIndex((t) => squash(t).startsWith(first)));
  return headings.map((h) => {
    const want = squash(h);
    for (let p = from; p < pages.length; p++) {
      const text = pages[p]!;
      if (squash(text).startsWith(want) || text.split('\n').some((line) => squash(line) === want)) {
        from = p;
        return p + 1;
      }
    }
    return null;
  });
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
    // Evidence drop-downs print open: a printed page cannot be clicked.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    const print = { format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: headerTemplate(options), footerTemplate: footerTemplate(options), margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' } } as const;
    // First pass: find the page each section starts on; second pass prints them in the contents.
    const pages = await pdfPageTexts(new Uint8Array(await page.pdf(print)));
    const headings = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.app-contents a[href^="#"]')).map((a) => document.getElementById(a.getAttribute('href')!.slice(1))?.textContent ?? ''),
    );
    const numbers = sectionPages(pages, headings);
    await page.evaluate((nums) => {
      Array.from(document.querySelectorAll('.app-contents li')).forEach((li, i) => {
        const n = nums[i];
        if (n === null || n === undefined) return;
        const span = document.createElement('span');
        span.className = 'app-contents__page';
        span.textContent = String(n);
        li.appendChild(span);
      });
    }, numbers);
    await page.pdf({ ...print, path: outFile });
  } finally {
    await browser.close();
  }
}
