import { resolve } from 'node:path';
import { cspError } from '../errors.ts';

export const DEFAULT_DB = './csp-assess.duckdb';

/** The data directory: --data-dir, else CSP_ASSESS_DATA. */
export function dataDirOption(value: string | undefined): string {
  const dir = value ?? process.env.CSP_ASSESS_DATA;
  if (!dir) throw cspError('CSP_ERR_USAGE', 'no data directory: pass --data-dir DIR or set CSP_ASSESS_DATA');
  return resolve(dir);
}

export function monthOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw cspError('CSP_ERR_USAGE', `${name} must be a month as YYYY-MM, got "${value}"`);
  return value;
}

/** A period 'YYYY-MM:YYYY-MM'. */
export function periodOption(value: string, name: string): { from: string; to: string } {
  const [from, to, extra] = value.split(':');
  if (extra !== undefined || !from || !to) throw cspError('CSP_ERR_USAGE', `${name} must be a period YYYY-MM:YYYY-MM, got "${value}"`);
  monthOption(from, name);
  monthOption(to, name);
  if (from > to) throw cspError('CSP_ERR_USAGE', `${name} starts after it ends: "${value}"`);
  return { from, to };
}
