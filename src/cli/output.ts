import { CspError, isCspError } from '../errors.ts';

/** Where a command writes: stdout for results, stderr for progress and errors. Swappable in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is shown only then. */
  isTTY: boolean;
  /** Standard input as text (for `--password-stdin`); process.stdin when absent. */
  readStdin?: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** A one-line progress display that rewrites itself on a terminal and says nothing when piped. */
export function progress(io: CliIo, label: string): { update: (done: number, total: number, detail?: string) => void; end: () => void } {
  let shown = false;
  return {
    update(done, total, detail = '') {
      if (!io.isTTY) return;
      shown = true;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      io.stderr(`\r${label} [${bar}] ${done}/${total} ${detail.slice(-50).padEnd(50)}`);
    },
    end() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

/**
 * Prints an error the way a user can act on and returns the exit status. A failure without a code is
 * a bug: one line saying so, and the stack only when CSP_ASSESS_DEBUG is set.
 */
export function reportError(io: CliIo, e: unknown, env: NodeJS.ProcessEnv = process.env): number {
  if (isCspError(e)) {
    // One line per message (text from a parser never breaks it), then the error's own list, a line each.
    const oneLine = (t: string) => t.replace(/\s*[\r\n]+\s*/g, ' ');
    const err = e as CspError;
    io.stderr(`${[err.format(), ...err.details].map(oneLine).join('\n')}\n`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`internal error: ${message.split('\n')[0]} (a bug: please report it with the command that caused it)\n`);
  if (env.CSP_ASSESS_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}
