import { readAssessmentFile } from '../assessment/read-model.ts';
import { type OutputFormat, writeOutputs, type WrittenOutputs } from '../assessment/write-outputs.ts';

/** The saved model, checked: re-exported for `assess --previous`. */
export { readAssessmentFile as readAssessment };

export interface ReportOptions {
  out: string;
  formats: OutputFormat[];
  edition: 'full' | 'public';
}

/** Re-renders a saved assessment in one edition: shared by `report` and the server. */
export async function runReport(path: string, opts: ReportOptions): Promise<WrittenOutputs> {
  const assessment = readAssessmentFile(path);
  return writeOutputs(assessment, opts.out, opts.formats, { public: opts.edition === 'public' });
}
