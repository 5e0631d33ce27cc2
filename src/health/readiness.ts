/**
 * What /readyz answers: every check's reason for not being ready, or none. The answer is kept for
 * a few seconds, and callers arriving while checks run share them, so a load balancer probing
 * every second cannot hammer Entra's token endpoint or the store.
 */
export interface ReadinessCheck {
  /** Shown in /readyz's body: `state store`, `audit journal`, `MDE token`. */
  name: string;
  /** Undefined when fine; else a short reason without secrets (an error code, not a message). */
  check(): Promise<string | undefined>;
}

export interface ReadinessReport {
  ready: boolean;
  /** `<name>: <reason>` for each failing check. */
  reasons: string[];
}

export interface ReadinessOptions {
  /** How long an answer is reused; default 10 s. */
  cacheMs?: number;
  /** A check that has not answered by then fails; default 5 s. */
  timeoutMs?: number;
  now?: () => number;
  /** Called when readiness flips (for a log line), not on every probe. */
  onChange?: (report: ReadinessReport) => void;
}

export function createReadiness(checks: readonly ReadinessCheck[], opts: ReadinessOptions = {}): () => Promise<ReadinessReport> {
  const cacheMs = opts.cacheMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const now = opts.now ?? Date.now;
  let last: { at: number; report: ReadinessReport } | undefined;
  let running: Promise<ReadinessReport> | undefined;

  const one = async (c: ReadinessCheck): Promise<string | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([c.check().catch((err: unknown) => `failed (${errorName(err)})`), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  const run = async (): Promise<ReadinessReport> => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, reason: await one(c) })));
    const reasons = results.filter((r) => r.reason !== undefined).map((r) => `${r.name}: ${r.reason}`);
    const report = { ready: reasons.length === 0, reasons };
    if (last?.report.ready !== report.ready || last.report.reasons.join() !== reasons.join()) opts.onChange?.(report);
    last = { at: now(), report };
    return report;
  };

  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.report);
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}

/** An error's code or kind (ENOTDIR, mde.unauthorized…), never its message. */
export function errorName(err: unknown): string {
  const e = err as { code?: unknown; kind?: unknown; name?: unknown } | undefined;
  if (typeof e?.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(e.code)) return e.code;
  if (typeof e?.kind === 'string') return e.kind;
  return typeof e?.name === 'string' ? e.name : 'error';
}
