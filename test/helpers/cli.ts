import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/output.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `csp-assess ...args`, capturing its output. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const code = await main(['node', 'csp-assess', ...args], io);
  return { code, stdout, stderr };
}
