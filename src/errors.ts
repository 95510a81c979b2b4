/**
 * The one catalogue of csp-assess errors. Every error the product raises on purpose has a code here,
 * with the exit status the CLI returns and the HTTP status the server answers. `docs/errors.md`
 * documents each code; a test fails when one is missing there.
 */
export const errorCatalogue = {
  CSP_ERR_USAGE: { exitCode: 2, httpStatus: 400, summary: 'A command or request was called with wrong or missing arguments.' },
  CSP_ERR_SOURCE_NOT_FOUND: { exitCode: 1, httpStatus: 404, summary: 'An input path does not exist or holds no file of a known kind.' },
  CSP_ERR_SOURCE_EMPTY: { exitCode: 1, httpStatus: 422, summary: 'An input file is empty or has a header and no rows where rows are required.' },
  CSP_ERR_SOURCE_BINARY: { exitCode: 1, httpStatus: 422, summary: 'An input file is not CSV text (a workbook, a PDF, NUL bytes), or a zip archive is damaged, over its size bounds or not a zip of CSV files.' },
  CSP_ERR_SOURCE_HEADER: { exitCode: 1, httpStatus: 422, summary: 'The header row does not match a known file kind: a column is missing, unknown or out of place.' },
  CSP_ERR_SOURCE_CSV: { exitCode: 1, httpStatus: 422, summary: 'The file is not well-formed CSV: an unterminated quote or a row with too few or too many fields.' },
  CSP_ERR_SOURCE_CONFLICT: { exitCode: 1, httpStatus: 422, summary: 'Two input files, or a file name and its rows, disagree about what they hold (the same force and month twice, a row of another month).' },
  CSP_ERR_SOURCE_VALUE: { exitCode: 1, httpStatus: 422, summary: 'A value is not allowed: a malformed month or date, coordinates outside the UK, an unknown category, a wrong type.' },
  CSP_ERR_CONFIG_INVALID: { exitCode: 1, httpStatus: 422, summary: 'The area configuration file cannot be read or does not validate.' },
  CSP_ERR_GEOGRAPHY_INPUT: { exitCode: 1, httpStatus: 422, summary: 'A boundary, lookup or population file named by the configuration cannot be used.' },
  CSP_ERR_STORE_EMPTY: { exitCode: 1, httpStatus: 409, summary: 'The store holds no data for what was asked; ingest first.' },
  CSP_ERR_STORE_INVALID: { exitCode: 1, httpStatus: 500, summary: 'The store file is not a DuckDB database, or is damaged or truncated.' },
  CSP_ERR_COVERAGE: { exitCode: 1, httpStatus: 422, summary: 'The data do not cover the period enough to assess it: no 12 consecutive months with data for the area\'s force.' },
  CSP_ERR_STORE_LOCKED: { exitCode: 1, httpStatus: 503, summary: 'The store file is in use by another process.' },
  CSP_ERR_ANALYSIS_INPUT: { exitCode: 1, httpStatus: 422, summary: 'An analysis was given input it cannot work on (an empty period, a negative count, an unknown dimension).' },
  CSP_ERR_PSEUDONYM_KEY: { exitCode: 1, httpStatus: 500, summary: 'No pseudonymisation key is configured; person identifiers cannot be loaded without one.' },
  CSP_ERR_INTERNAL: { exitCode: 1, httpStatus: 500, summary: 'An unexpected failure inside csp-assess: a bug to report, with the command that caused it.' },
  CSP_ERR_OUTPUT_EXISTS: { exitCode: 1, httpStatus: 409, summary: 'An output path is already taken: a file where a folder is needed, or a folder csp-assess did not make that is not empty.' },
  CSP_ERR_RENDER: { exitCode: 1, httpStatus: 500, summary: 'A report or export could not be written.' },
  CSP_ERR_AUTH: { exitCode: 1, httpStatus: 401, summary: "The request has no valid session (not signed in, signed out, or expired), or the username and password do not match an enabled account." },
  CSP_ERR_FORBIDDEN: { exitCode: 1, httpStatus: 403, summary: "The signed-in role may not do this, the data is restricted and the account has no restricted clearance, or the CSRF token or Origin of a change is missing or wrong." },
  CSP_ERR_NOT_FOUND: { exitCode: 1, httpStatus: 404, summary: "The page, record or workshop asked for does not exist." },
  CSP_ERR_HOST: { exitCode: 1, httpStatus: 421, summary: "The request named a Host the server does not answer for (a guard against DNS rebinding); add it with `serve --allowed-host`." },
  CSP_ERR_BODY_TOO_LARGE: { exitCode: 1, httpStatus: 413, summary: "A request body is larger than the server accepts." },
  CSP_ERR_RATE_LIMIT: { exitCode: 1, httpStatus: 429, summary: "Too many failed sign-ins for this account or address; wait and try again." },
  CSP_ERR_BUSY: { exitCode: 1, httpStatus: 503, summary: "The server is at capacity (its queue is full), timed out on the request, or is shutting down; try again shortly." },
  CSP_ERR_LISTEN: { exitCode: 1, httpStatus: 500, summary: "The server could not listen on the address and port given (the port is in use, or the address is not this machine's)." },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** Where in an input file a problem is; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class CspError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  /** Further lines, each printed on its own line after the message (e.g. every problem of a configuration). */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, location?: SourceLocation, options?: { cause?: unknown; details?: readonly string[] }) {
    super(options?.details?.length ? `${message}\n${options.details.join('\n')}` : message, options);
    this.name = 'CspError';
    this.code = code;
    this.location = location;
    this.details = options?.details ?? [];
    this.head = message;
  }

  /** The message without its detail lines. */
  readonly head: string;

  get exitCode(): number {
    return errorCatalogue[this.code].exitCode;
  }

  get httpStatus(): number {
    return errorCatalogue[this.code].httpStatus;
  }

  /** `FILE:LINE:COLUMN: message`, the form editors and CI logs link to. */
  format(): string {
    const l = this.location;
    if (!l) return this.head;
    const where = [l.file, l.line, l.line !== undefined ? l.column : undefined].filter((p) => p !== undefined).join(':');
    return `${where}: ${this.head}`;
  }
}

export function cspError(code: ErrorCode, message: string, location?: SourceLocation, cause?: unknown): CspError {
  return new CspError(code, message, location, cause === undefined ? undefined : { cause });
}

/** An error whose message is followed by a list, one item per line (every problem found at once). */
export function cspErrorList(code: ErrorCode, message: string, details: readonly string[], location?: SourceLocation): CspError {
  return new CspError(code, message, location, { details });
}

export function isCspError(e: unknown): e is CspError {
  return e instanceof CspError;
}
