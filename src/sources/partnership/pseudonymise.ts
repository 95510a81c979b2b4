/**
 * Keyed pseudonyms for person identifiers. An HMAC-SHA-256 with a key only the partnership holds:
 * the same identifier always gives the same pseudonym (so repeats can be counted), but without the
 * key nobody can test a guessed identifier against the store, as they could with a plain hash.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cspError } from '../../errors.ts';

export const PSEUDONYM_KEY_ENV = 'CSP_ASSESS_PSEUDONYM_KEY';
/** Shorter keys are refused: they would be guessable. */
export const MIN_KEY_BYTES = 16;

const missingKeyMessage = `no pseudonymisation key: pass --key-file FILE or set ${PSEUDONYM_KEY_ENV} (at least ${MIN_KEY_BYTES} bytes); person identifiers are never loaded without one`;

/**
 * The key from `--key-file` (the file's bytes, without a trailing line break) or, failing that, the
 * environment variable. Refuses with CSP_ERR_PSEUDONYM_KEY when neither gives a key long enough.
 */
export function resolvePseudonymKey(options: { keyFile?: string | undefined; env?: NodeJS.ProcessEnv } = {}): Buffer {
  const env = options.env ?? process.env;
  let key: Buffer | undefined;
  if (options.keyFile !== undefined) {
    try {
      key = readFileSync(options.keyFile);
    } catch (e) {
      throw cspError('CSP_ERR_PSEUDONYM_KEY', `cannot read the key file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: options.keyFile }, e);
    }
    key = Buffer.from(key.toString('latin1').replace(/\r?\n$/, ''), 'latin1');
  } else if (env[PSEUDONYM_KEY_ENV]) {
    key = Buffer.from(env[PSEUDONYM_KEY_ENV], 'utf8');
  }
  checkPseudonymKey(key);
  return key;
}

export function checkPseudonymKey(key: Buffer | undefined): asserts key is Buffer {
  if (!key || key.length < MIN_KEY_BYTES) throw cspError('CSP_ERR_PSEUDONYM_KEY', missingKeyMessage);
}

/** The pseudonym of one identifier: lowercase hex HMAC-SHA-256 of its trimmed UTF-8 text. */
export function pseudonymise(key: Buffer, identifier: string): string {
  return createHmac('sha256', key).update(identifier.trim(), 'utf8').digest('hex');
}
