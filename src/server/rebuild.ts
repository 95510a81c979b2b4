import { basename, dirname } from 'node:path';
import type { LoadedAreaConfig } from '../config/area-config.ts';
import { cspError, isCspError } from '../errors.ts';
import { runAssessOn } from '../pipelines/assess.ts';
import type { Store } from '../store/store.ts';
import type { User } from './auth/accounts.ts';
import { audit } from './audit.ts';

export interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/**
 * Rebuilds the assessment (and so the document, with the workshops' latest issues) on the server's own
 * store: the same pipeline as `assess`, on a connection of its own, one build at a time. It writes
 * `assessment.json` and `report.html` beside the served model, which the server then re-reads.
 */
export class Rebuild {
  private status: RebuildStatus = { state: 'idle', startedBy: null, startedAt: null, finishedAt: null, error: null };
  private running: { store: Store; done: Promise<void> } | null = null;

  constructor(
    private readonly root: Store,
    private readonly cfg: LoadedAreaConfig | undefined,
    private readonly modelFile: string | undefined,
  ) {}

  get current(): RebuildStatus {
    return { ...this.status };
  }

  async start(user: User): Promise<RebuildStatus> {
    if (!this.cfg) throw cspError('CSP_ERR_USAGE', 'the server was started without --config: it cannot rebuild the assessment');
    if (!this.modelFile || basename(this.modelFile) !== 'assessment.json') throw cspError('CSP_ERR_USAGE', 'rebuilding needs --model DIR/assessment.json');
    if (this.running) return this.current;
    const cfg = this.cfg;
    const out = dirname(this.modelFile);
    const store = await this.root.connect();
    this.status = { state: 'running', startedBy: user.username, startedAt: new Date().toISOString(), finishedAt: null, error: null };
    await audit(store, user.username, 'update', 'assessment', { rebuild: 'started' });
    const done = runAssessOn(store, cfg, { out, formats: ['json', 'html'], asOf: new Date().toISOString() }).then(
      () => {
        this.status = { ...this.status, state: 'done', finishedAt: new Date().toISOString() };
      },
      (e: unknown) => {
        this.status = { ...this.status, state: 'failed', finishedAt: new Date().toISOString(), error: isCspError(e) ? e.format() : 'internal error' };
      },
    ).finally(() => {
      store.close();
      this.running = null;
    });
    this.running = { store, done };
    return this.current;
  }

  /** Stops a build in progress (server shutdown). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.store.interrupt();
    await this.running.done;
  }
}
