/**
 * Bounds on what reading inputs may cost, whatever the inputs declare about themselves. The memory
 * bound caps the longest CSV record held at once and the database's working memory during a load;
 * the ratio bound refuses zip members that expand far more than text does (a zip bomb).
 */
export interface InputLimits {
  /** Bytes of memory reading and loading may use (default 512 MB; CSP_ASSESS_MEMORY_LIMIT_MB). */
  memoryBytes: number;
  /** Largest uncompressed / compressed size of a zip member (default 100; CSP_ASSESS_MAX_ZIP_RATIO). */
  maxZipRatio: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function inputLimits(env: NodeJS.ProcessEnv = process.env): InputLimits {
  return {
    memoryBytes: positive(env.CSP_ASSESS_MEMORY_LIMIT_MB, 512) * 2 ** 20,
    maxZipRatio: positive(env.CSP_ASSESS_MAX_ZIP_RATIO, 100),
  };
}

/** The longest record a CSV reader may hold: an eighth of the memory bound. */
export function maxRecordBytes(limits: InputLimits): number {
  return Math.floor(limits.memoryBytes / 8);
}
