import { Command, CommanderError } from 'commander';
import { type CliIo, processIo, reportError } from './output.ts';
import { registerAssess } from './commands/assess.ts';
import { registerAudit } from './commands/audit.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExample } from './commands/example.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerReport } from './commands/report.ts';
import { registerServe } from './commands/serve.ts';
import { registerStats } from './commands/stats.ts';
import { registerTemplate } from './commands/template.ts';
import { registerUser } from './commands/user.ts';
import { registerValidate } from './commands/validate.ts';

/** Each command module registers itself on the program and sets `state.exitCode` when it fails. */
export interface CliState {
  io: CliIo;
  exitCode: number;
}

export type CommandRegistrar = (program: Command, state: CliState) => void;

const registrars: CommandRegistrar[] = [registerIngest, registerAssess, registerReport, registerServe, registerDemo, registerValidate, registerStats, registerTemplate, registerExample, registerUser, registerAudit];

export function buildProgram(state: CliState): Command {
  const program = new Command('csp-assess')
    .description('Community Safety Strategic Assessments from police open data and partnership extracts')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => state.io.stdout(s), writeErr: (s) => state.io.stderr(s) });
  for (const register of registrars) register(program, state);
  return program;
}

/** Wraps a command action: errors become messages and exit codes, never stack traces. */
export function action<A extends unknown[]>(state: CliState, fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      state.exitCode = reportError(state.io, e);
    }
  };
}

/** Runs the CLI on `argv` (node, script, ...args) and returns the exit status: 0 ok, 1 bad input, 2 usage. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const state: CliState = { io, exitCode: 0 };
  const program = buildProgram(state);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(io, e);
  }
  return state.exitCode;
}
