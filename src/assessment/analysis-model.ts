/** The analysis sections `buildAnalysis` adds to the assessment model as `assessment.analysis`. */
import type { ConcentrationBlock, HarmSection, HotspotsSection, PeersSection } from '../analysis/types.ts';

export type * from '../analysis/types.ts';

export interface AnalysisSections {
  peers: PeersSection | null;
  concentration: ConcentrationBlock[];
  hotspots: HotspotsSection | null;
  harm: HarmSection | null;
}
