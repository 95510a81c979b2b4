import { cspError, isCspError } from '../errors.ts';
import type { Store } from '../store/store.ts';

export interface PoolOptions {
  /** Connections working at once. */
  size: number;
  /** Requests that may wait for a connection; one more is answered 503 at once. */
  maxQueue: number;
}

interface Waiter {
  resolve: (s: Store) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * A fixed set of DuckDB connections shared by requests, with a bounded queue in front. A request that
 * is abandoned (client gone, timeout) leaves the queue, or has its running query interrupted, so no
 * work is done for nobody.
 */
export class ConnectionPool {
  private readonly idle: Store[] = [];
  private readonly busy = new Set<Store>();
  private readonly queue: Waiter[] = [];
  private closing = false;

  private constructor(private readonly opts: PoolOptions) {}

  static async open(store: Store, opts: PoolOptions): Promise<ConnectionPool> {
    const pool = new ConnectionPool(opts);
    for (let i = 0; i < opts.size; i++) pool.idle.push(await store.connect());
    return pool;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `fn` on a connection; the query in flight is interrupted when `signal` aborts. */
  async use<T>(signal: AbortSignal, fn: (store: Store) => Promise<T>): Promise<T> {
    const conn = await this.acquire(signal);
    const interrupt = () => conn.interrupt();
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const result = await fn(conn);
      if (signal.aborted) throw abortError(signal);
      return result;
    } catch (e) {
      throw signal.aborted ? abortError(signal) : e;
    } finally {
      signal.removeEventListener('abort', interrupt);
      this.release(conn);
    }
  }

  private acquire(signal: AbortSignal): Promise<Store> {
    if (this.closing) return Promise.reject(cspError('CSP_ERR_BUSY', 'the server is shutting down'));
    if (signal.aborted) return Promise.reject(abortError(signal));
    const conn = this.idle.pop();
    if (conn) {
      this.busy.add(conn);
      return Promise.resolve(conn);
    }
    if (this.queue.length >= this.opts.maxQueue) return Promise.reject(cspError('CSP_ERR_BUSY', 'the server is busy: try again shortly'));
    return new Promise<Store>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal));
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(conn: Store): void {
    const next = this.queue.shift();
    if (next && !this.closing) {
      next.signal.removeEventListener('abort', next.onAbort);
      next.resolve(conn);
      return;
    }
    this.busy.delete(conn);
    this.idle.push(conn);
  }

  /** Refuses new work, interrupts what runs, and closes every connection once it is returned. */
  async close(timeoutMs = 2000): Promise<void> {
    this.closing = true;
    for (const w of this.queue.splice(0)) {
      w.signal.removeEventListener('abort', w.onAbort);
      w.reject(cspError('CSP_ERR_BUSY', 'the server is shutting down'));
    }
    for (const conn of this.busy) conn.interrupt();
    const deadline = Date.now() + timeoutMs;
    while (this.busy.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const conn of this.idle.splice(0)) conn.close();
  }
}

function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return isCspError(reason) ? reason : cspError('CSP_ERR_BUSY', 'the request was abandoned');
}

/** Runs work on a pooled connection, bound to one request's lifetime. */
export type Db = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
