/**
 * Locality workshop records from the published template (CSV or XLSX), until the web app records them:
 * one row per issue a practitioner raised. Every row is checked before anything is loaded; errors name
 * FILE:LINE:COLUMN. Categories must be one of the configured `workshops.issueCategories` (or "Other").
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cspError } from '../../errors.ts';
import type { WorkshopInsert } from '../../store/queries/workshops.ts';
import { readXlsxSheet } from '../partnership/xlsx-read.ts';
import { normaliseCsv } from '../csv-normalise.ts';

export const WORKSHOP_COLUMNS = [
  { name: 'workshop_id', required: true, description: 'identifier of the workshop, the same on every row of one workshop' },
  { name: 'locality', required: true, description: 'locality the workshop covered, as named in the locality table' },
  { name: 'held_on', required: true, description: 'date held, YYYY-MM-DD' },
  { name: 'organisation', required: true, description: 'organisation of the practitioner who raised the issue' },
  { name: 'category', required: true, description: 'one of the configured workshop issue categories, or Other' },
  { name: 'issue_text', required: false, description: 'the issue in the practitioner\'s words' },
  { name: 'rank', required: false, description: '1 = most important to the practitioner' },
  { name: 'recorded_by', required: false, description: 'who recorded it (optional)' },
  { name: 'title', required: false, description: 'title of the workshop (optional)' },
] as const;

type Column = (typeof WORKSHOP_COLUMNS)[number]['name'];

/** RFC 4180 records with the text line each starts on. */
function csvRecords(text: string, file: string): { line: number; values: string[] }[] {
  const out: { line: number; values: string[] }[] = [];
  let values: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      values.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      values.push(field);
      if (values.some((v) => v !== '')) out.push({ line: start, values });
      values = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw cspError('CSP_ERR_SOURCE_CSV', 'unterminated quoted field', { file, line: start, column: values.length + 1 });
  values.push(field);
  if (values.some((v) => v !== '')) out.push({ line: start, values });
  return out;
}

async function rowsOf(file: string): Promise<{ header: string[]; rows: { line: number; values: (string | null)[] }[] }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw cspError('CSP_ERR_SOURCE_NOT_FOUND', 'no such file', { file });
  }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    const sheet = await readXlsxSheet(bytes, file);
    return { header: sheet.header, rows: sheet.rows.map((r) => ({ line: r.row, values: r.values })) };
  }
  // The one CSV reader decides the encoding and checks every record; its normalised output is split here.
  const tmp = mkdtempSync(join(tmpdir(), 'csp-assess-workshops-'));
  try {
    const out = join(tmp, 'records.csv');
    const read = await normaliseCsv(file, { name: file, out, header: () => undefined, maxRecordBytes: 1 << 20 });
    const rows = csvRecords(readFileSync(out, 'utf8'), file).map((r, i) => ({ line: read.lineOf(i), values: r.values }));
    return { header: read.header.map((h) => h.trim()), rows };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Reads and checks a workshop file; the workshops and their issues, ready to load. */
export async function readWorkshopFile(file: string, categories: readonly string[]): Promise<WorkshopInsert[]> {
  const { header, rows } = await rowsOf(file);
  const names: readonly string[] = WORKSHOP_COLUMNS.map((c) => c.name);
  header.forEach((h, i) => {
    if (!names.includes(h)) throw cspError('CSP_ERR_SOURCE_HEADER', `unknown column "${h}" (the workshop template has ${names.join(', ')})`, { file, line: 1, column: i + 1 });
  });
  for (const c of WORKSHOP_COLUMNS) {
    if (c.required && !header.includes(c.name)) throw cspError('CSP_ERR_SOURCE_HEADER', `missing required column "${c.name}"`, { file, line: 1, column: header.length + 1 });
  }
  if (rows.length === 0) throw cspError('CSP_ERR_SOURCE_EMPTY', 'the file has the workshop header and no rows', { file, line: 1 });
  const allowed = new Set([...categories, 'Other']);
  const byWorkshop = new Map<string, WorkshopInsert>();
  const name = basename(file);
  rows.forEach((r, index) => {
    const get = (c: Column): string | null => {
      const v = r.values[header.indexOf(c)];
      return v === undefined || v === null || v.trim() === '' ? null : v.trim();
    };
    const at = (c: Column) => ({ file, line: r.line, column: header.indexOf(c) + 1 });
    for (const c of WORKSHOP_COLUMNS) if (c.required && get(c.name) === null) throw cspError('CSP_ERR_SOURCE_VALUE', `"${c.name}" is required`, at(c.name));
    const heldOn = get('held_on')!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn) || Number.isNaN(Date.parse(heldOn))) throw cspError('CSP_ERR_SOURCE_VALUE', `"held_on" must be a date as YYYY-MM-DD, got "${heldOn}"`, at('held_on'));
    const category = get('category')!;
    if (!allowed.has(category)) throw cspError('CSP_ERR_SOURCE_VALUE', `unknown category "${category}": use one of the configured workshops.issueCategories or Other`, at('category'));
    const rankText = get('rank');
    if (rankText !== null && !/^[1-9]\d*$/.test(rankText)) throw cspError('CSP_ERR_SOURCE_VALUE', `"rank" must be a whole number from 1, got "${rankText}"`, at('rank'));
    const workshopId = get('workshop_id')!;
    const locality = get('locality')!;
    const w = byWorkshop.get(workshopId) ?? { workshop: { workshopId, locality, heldOn, title: get('title') }, issues: [] };
    if (w.workshop.locality !== locality) throw cspError('CSP_ERR_SOURCE_VALUE', `workshop "${workshopId}" is given two localities ("${w.workshop.locality}" and "${locality}")`, at('locality'));
    w.issues.push({
      issueId: `${name}:${index + 1}`,
      organisation: get('organisation')!,
      category,
      issueText: get('issue_text'),
      rank: rankText === null ? null : Number(rankText),
      recordedBy: get('recorded_by'),
    });
    byWorkshop.set(workshopId, w);
  });
  return [...byWorkshop.values()];
}
