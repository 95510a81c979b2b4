import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment } from '../assessment/model.ts';
import { AssessmentSchema } from '../assessment/schema.ts';
import { type OutputFormat, writeOutputs, type WrittenOutputs } from '../assessment/write-outputs.ts';
import { cspError } from '../errors.ts';

/** Reads and checks a saved model: the file itself, or the folder `assess` wrote it into. */
export function readAssessment(path: string): Assessment {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'assessment.json') : path;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw cspError('CSP_ERR_SOURCE_VALUE', `cannot read the assessment model: ${(e as Error).message}`, { file }, e);
  }
  const parsed = AssessmentSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw cspError('CSP_ERR_SOURCE_VALUE', `not an assessment model: ${i.path.join('.')}: ${i.message}`, { file });
  }
  return parsed.data;
}

export interface ReportOptions {
  out: string;
  formats: OutputFormat[];
  edition: 'full' | 'public';
}

/** Re-renders a saved assessment in one edition: shared by `report` and the server. */
export async function runReport(path: string, opts: ReportOptions): Promise<WrittenOutputs> {
  const assessment = readAssessment(path);
  return writeOutputs(assessment, opts.out, opts.formats, { public: opts.edition === 'public' });
}
