/**
 * `validate config`: every problem of an area configuration in one run, each with its path. Beyond the
 * schema (types, unknown keys with "did you mean", periods in order) it checks that every file the
 * configuration names exists and parses with the columns or properties it names, that the area code
 * is a district of the loaded geography, and that theme datasets and police categories are known.
 * No message quotes a file's content beyond the one offending token.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CspError } from '../errors.ts';
import { boundariesRead } from '../geography/boundaries-read.ts';
import { partnershipDatasets } from '../sources/partnership/datasets.ts';
import { policeCategories } from '../sources/police-csv/kinds.ts';
import { closest, describeJsonError, parseConfigText, schemaProblems, type AreaConfig, type ConfigProblem } from './area-config.ts';
import { splitCsvLine } from '../sources/csv-position.ts';

export interface ConfigValidation {
  /** The parsed configuration when the schema holds (file problems may remain). */
  config: AreaConfig | null;
  problems: ConfigProblem[];
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

interface Files {
  dataDir: string;
  problems: ConfigProblem[];
}

function read(f: Files, path: string, file: string): string | null {
  try {
    return readFileSync(isAbsolute(file) ? file : resolve(f.dataDir, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    f.problems.push({ path, message: code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? 'error'})` });
    return null;
  }
}

/** A CSV's rows as objects, after checking the named columns are in its header. Null (with problems) when not. */
function csvColumns(f: Files, path: string, file: string, columns: readonly (readonly [string, string])[]): Record<string, string>[] | null {
  const text = read(f, `${path}.file`, file);
  if (text === null) return null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  let ok = true;
  for (const [key, column] of columns) {
    if (!header.includes(column)) {
      ok = false;
      const near = closest(column, header);
      f.problems.push({ path: `${path}.${key}`, message: `column "${column}" is not in the header of ${file}${near ? ` (did you mean "${near}"?)` : ''}` });
    }
  }
  if (!ok) return null;
  return lines.slice(1).filter((l) => l.length > 0).map((l) => {
    const v = splitCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h, v[i] ?? '']));
  });
}

function boundaryCodes(f: Files, path: string, b: unknown): string[] {
  if (!isObj(b) || !str(b.file)) return [];
  const text = read(f, `${path}.file`, b.file as string);
  if (text === null) return [];
  try {
    return boundariesRead(text, {
      file: b.file as string,
      codeProperty: str(b.codeProperty) ?? 'area_code',
      nameProperty: str(b.nameProperty) ?? 'area_name',
      ...(str(b.object) ? { object: b.object as string } : {}),
    }).map((a) => a.code);
  } catch (e) {
    f.problems.push({ path: `${path}.file`, message: e instanceof CspError ? e.message : `cannot read ${b.file as string} as boundaries` });
    return [];
  }
}

function checkFiles(raw: Raw, f: Files): void {
  const g = isObj(raw.geography) ? raw.geography : {};
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  arr(g.lsoa).forEach((b, i) => boundaryCodes(f, `geography.lsoa.${i}`, b));
  const districtCodes = new Set(boundaryCodes(f, 'geography.districts', g.districts));
  if (g.wards !== undefined) boundaryCodes(f, 'geography.wards', g.wards);
  arr(g.lsoaLookups).forEach((l, i) => {
    if (!isObj(l) || !str(l.file)) return;
    const cols = (['lsoa', 'lsoaName', 'ward', 'wardName', 'district', 'districtName'] as const).filter((k) => str(l[k])).map((k) => [k, l[k] as string] as const);
    const rows = csvColumns(f, `geography.lsoaLookups.${i}`, l.file as string, cols);
    if (rows && str(l.district)) for (const r of rows) districtCodes.add(r[l.district as string]!);
  });
  if (isObj(g.localities) && str(g.localities.file)) {
    csvColumns(f, 'geography.localities', g.localities.file as string, [
      ['ward', str(g.localities.ward) ?? 'ward_code'],
      ['locality', str(g.localities.locality) ?? 'locality'],
    ]);
  }
  arr(g.population).forEach((p, i) => {
    if (!isObj(p) || !str(p.file)) return;
    const path = `geography.population.${i}`;
    if (p.format === 'ons-json') {
      const text = read(f, `${path}.file`, p.file as string);
      if (text === null) return;
      try {
        JSON.parse(text);
      } catch (e) {
        f.problems.push({ path: `${path}.file`, message: `${p.file as string} is ${describeJsonError(text, e)}` });
      }
    } else {
      csvColumns(f, path, p.file as string, (['code', 'value', 'households'] as const).filter((k) => str(p[k])).map((k) => [k, p[k] as string] as const));
    }
  });
  if (isObj(g.deprivation) && str(g.deprivation.file)) {
    const d = g.deprivation;
    csvColumns(f, 'geography.deprivation', d.file as string, (['code', 'rank', 'decile'] as const).filter((k) => str(d[k])).map((k) => [k, d[k] as string] as const));
  }
  // The area must be a district of the geography loaded, or every figure later fails as "no data".
  const area = isObj(raw.area) ? str(raw.area.code) : null;
  if (area && districtCodes.size > 0 && !districtCodes.has(area)) {
    const near = closest(area, [...districtCodes]);
    f.problems.push({ path: 'area.code', message: `${area} is not a district of the configured geography (district boundaries and LSOA lookups)${near ? ` (did you mean ${near}?)` : ''}` });
  }
  const listed = isObj(raw.area) && Array.isArray(raw.area.forceAreaDistricts) ? raw.area.forceAreaDistricts : [];
  listed.forEach((code, i) => {
    if (typeof code === 'string' && districtCodes.size > 0 && !districtCodes.has(code)) {
      const near = closest(code, [...districtCodes]);
      f.problems.push({ path: `area.forceAreaDistricts.${i}`, message: `${code} is not a district of the configured geography${near ? ` (did you mean ${near}?)` : ''}` });
    }
  });
}

function checkNames(raw: Raw, problems: ConfigProblem[]): void {
  const datasets = partnershipDatasets.map((d) => d.name);
  const mapping = isObj(raw.crimeTypeMapping) ? Object.values(raw.crimeTypeMapping).filter((v): v is string => typeof v === 'string') : [];
  const categories = [...policeCategories, ...mapping];
  (Array.isArray(raw.themes) ? raw.themes : []).forEach((t, i) => {
    if (!isObj(t) || !Array.isArray(t.issues)) return;
    t.issues.forEach((issue, j) => {
      if (!isObj(issue)) return;
      const at = `themes.${i}.issues.${j}`;
      (Array.isArray(issue.datasets) ? issue.datasets : []).forEach((d, k) => {
        if (typeof d === 'string' && !datasets.includes(d)) {
          const near = closest(d, datasets);
          problems.push({ path: `${at}.datasets.${k}`, message: `unknown dataset "${d}"${near ? ` (did you mean "${near}"?)` : ''}` });
        }
      });
      (Array.isArray(issue.categories) ? issue.categories : []).forEach((c, k) => {
        if (typeof c === 'string' && !categories.includes(c)) {
          const near = closest(c, categories);
          problems.push({ path: `${at}.categories.${k}`, message: `unknown police category "${c}"${near ? ` (did you mean "${near}"?)` : ''}` });
        }
      });
    });
  });
}

/**
 * Validate a configuration's text: syntax, schema, names and (with a data directory) the files it names.
 *
 * @param text - the YAML or JSON text.
 * @param file - its file name (JSON when it ends in .json).
 * @param dataDir - the directory relative paths are resolved against; null skips the file checks.
 */
export function validateAreaConfig(text: string, file: string, dataDir: string | null): ConfigValidation {
  const parsed = parseConfigText(text, file);
  if ('problem' in parsed) return { config: null, problems: [parsed.problem] };
  const { config, problems } = schemaProblems(parsed.raw);
  const raw = isObj(parsed.raw) ? parsed.raw : {};
  checkNames(raw, problems);
  if (dataDir !== null) checkFiles(raw, { dataDir, problems });
  return { config: problems.length === 0 ? config : null, problems };
}
