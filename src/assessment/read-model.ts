import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cspError } from '../errors.ts';
import type { Assessment } from './model.ts';
import { AssessmentSchema } from './schema.ts';

/**
 * Reads and validates a saved assessment.json (the file, or the folder `assess` wrote it into):
 * `report`, `assess --previous` and `serve --model` accept only what the schema does.
 */
export function readAssessmentFile(path: string): Assessment {
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
