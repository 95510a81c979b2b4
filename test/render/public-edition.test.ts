/**
 * The published edition built from a model with planted small counts: no count from 1 to the
 * threshold minus one survives in any table, sentence or derivable share, in the HTML, the PDF text
 * or the XLSX; and no XLSX cell starts with a formula character from input text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/assessment/model.ts';
import { writeOutputs } from '../../src/assessment/write-outputs.ts';
import { pdfPageTexts } from '../../src/render/pdf/pdf-text.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { NOT_COUNT } from '../../src/render/words/suppress-tables.ts';
import { reportTables } from '../../src/render/xlsx/report-tables.ts';

const THRESHOLD = 7;
const small = (n: number) => n >= 1 && n < THRESHOLD;
const change = exampleAssessment.overview.crimeChange!;

function planted(): Assessment {
  const a = structuredClone(exampleAssessment);
  a.document = { protectiveMarking: 'OFFICIAL-SENSITIVE', suppressBelow: THRESHOLD, significance: 0.05 };
  // A locality with a handful of crimes: its count, share and rate must all go.
  const l = a.localities[a.localities.length - 1]!;
  const feature = a.localityMap.features.find((f) => f.properties.name === l.name)!;
  l.name = '=HYPERLINK("http://x")';
  feature.properties = { ...feature.properties, name: l.name, crime: 3, asb: 6 };
  l.crime = 3;
  l.asb = 6;
  l.crimeShare = 3 / a.overview.crime;
  // A finding resting on small counts: no count and no percentage in its sentence.
  const rises: Finding = {
    id: 'largest-rises',
    kind: 'rises',
    subject: 'Bicycle theft',
    facts: { kind: 'rises', window: 'years', items: [{ category: 'Bicycle theft', change: { ...change, before: 2, after: 6, changePct: 200, significant: true } }] },
    figures: [{ label: 'count 2016', path: 'categories.9.change.after', value: 6, unit: 'count' }, { label: 'change', path: 'categories.9.change.changePct', value: 200, unit: 'percent' }],
    comparison: '2014 against 2016',
    test: { method: 'exact Poisson', pValue: 0.04, pAdjusted: null, dispersion: null, significant: true },
    significant: true,
    theme: 'public-safety',
    restricted: false,
  };
  a.findings = [...a.findings, rises];
  return a;
}

const dir = mkdtempSync(join(tmpdir(), 'csp-public-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let html = '';
let pdf: string[] = [];
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const written = await writeOutputs(planted(), dir, ['html', 'pdf', 'xlsx'], { public: true });
  html = readFileSync(written.files.html!, 'utf8');
  pdf = await pdfPageTexts(new Uint8Array(readFileSync(written.files.pdf!)));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(written.files.xlsx!) as unknown as ArrayBuffer);
}, 120_000);

describe('published edition', () => {
  it('labels itself and states the suppression from configuration', () => {
    expect(html).toContain('Published edition');
    expect(html).toContain('Statement of suppression');
    expect(html).toContain(`shown as "fewer than ${THRESHOLD}"`);
    expect(html).not.toContain('OFFICIAL-SENSITIVE');
    expect(pdf.join('\n')).toContain('Published edition');
  });

  it('leaves no small count in any table cell of the HTML', () => {
    for (const t of reportTables(html)) {
      t.header.forEach((h, c) => {
        if (c === 0 || NOT_COUNT.test(h)) return;
        for (const row of [...t.rows, ...(t.footer ? [t.footer] : [])]) {
          const cell = row[c] ?? '';
          if (/^\d[\d,]*$/.test(cell)) expect(small(Number(cell.replace(/,/g, ''))), `${t.caption} / ${h}: ${cell}`).toBe(false);
        }
      });
    }
  });

  it('withholds the planted locality count with its share and rate, and a second count beside the total row', () => {
    const loc = reportTables(html).find((t) => t.caption.includes('by locality'))!;
    const row = loc.rows.find((r) => r[0]!.includes('HYPERLINK'))!;
    expect(row[2]).toBe(`fewer than ${THRESHOLD}`);
    expect(row[3]).toBe('withheld');
    expect(row[4]).toBe('withheld');
    expect(loc.footer).not.toBeNull();
    const crimes = loc.rows.map((r) => r[2]);
    expect(crimes.filter((c) => c === `fewer than ${THRESHOLD}`)).toHaveLength(1);
    expect(crimes.filter((c) => c === 'withheld')).toHaveLength(1);
    // The withheld one is the next smallest: no other cell could give the small one back from the total.
    const shown = crimes.filter((c) => /^\d/.test(c!)).map((c) => Number(c!.replace(/,/g, '')));
    const withheldRow = loc.rows.find((r) => r[2] === 'withheld')!;
    expect(withheldRow[0]).not.toContain('HYPERLINK');
    expect(shown.length).toBe(loc.rows.length - 2);
  });

  it('shows no rate on the maps for a locality whose count is suppressed (rate × residents would give it back)', () => {
    const titles = html.match(/<title>=HYPERLINK\((&quot;|")http:\/\/x(&quot;|")\): [^<]*<\/title>/g) ?? [];
    expect(titles.length).toBeGreaterThanOrEqual(2);
    for (const t of titles) expect(t).toMatch(/: no data<\/title>$/);
  });

  it('withholds the locality share chart, whose bar would give the small share back, and keeps the others', () => {
    const { document } = parseHTML(html);
    const figures = Array.from(document.querySelectorAll('figure'));
    const share = figures.find((f) => /Share of .* by locality/.test(f.querySelector('figcaption')?.textContent ?? ''))!;
    expect(share.querySelector('svg')).toBeNull();
    expect(share.textContent).toContain(`withheld in the published edition: it rests on counts of fewer than ${THRESHOLD}`);
    const byYear = figures.find((f) => / by year, /.test(f.querySelector('figcaption')?.textContent ?? ''))!;
    expect(byYear.querySelector('svg')).not.toBeNull();
    expect(html).not.toContain('data-least-count');
  });

  it('writes sentences on small counts without the counts or a percentage', () => {
    expect(html).toContain(`bicycle theft (counts too small to publish)`);
    expect(html).not.toMatch(/bicycle theft \(\+200%/);
  });

  it('leaves no small count on the planted rows of the PDF text', () => {
    const lines = pdf.join('\n').split('\n');
    const planted = lines.filter((l) => l.includes('HYPERLINK') && /\d/.test(l));
    expect(planted.length).toBeGreaterThan(0);
    for (const l of planted) expect(l.replace(/"http:\/\/x"/, '')).not.toMatch(/(^|\s)[1-6](\s|$)/);
    expect(pdf.join('\n')).toContain(`fewer than ${THRESHOLD}`);
  });

  it('leaves no small count in the XLSX and no cell starting with a formula character', () => {
    let cells = 0;
    workbook.eachSheet((ws) => {
      if (ws.name === 'Contents') return;
      const header = ws.getRow(4).values as unknown[];
      ws.eachRow((row, r) => {
        if (r <= 4) return;
        row.eachCell((cell, c) => {
          cells++;
          const v = cell.value;
          if (typeof v === 'string') expect(/^[=+\-@]/.test(v), `${ws.name}!${cell.address}: ${v}`).toBe(false);
          if (typeof v === 'number' && c > 1 && Number.isInteger(v) && !NOT_COUNT.test(String(header[c] ?? ''))) expect(small(v), `${ws.name}!${cell.address}`).toBe(false);
        });
      });
    });
    expect(cells).toBeGreaterThan(100);
  });
});
