/** Reads a PDF with pdf.js (an npm package), so tests need no Debian poppler-utils. */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Width and height in points. */
  width: number;
  height: number;
  /** The page's text runs in content order, a line break after each run that ends a line. */
  text: string;
}

export async function readPdf(file: string): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
      pages.push({ width: x1 - x0, height: y1 - y0, text });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
