import pino, { type Logger } from 'pino';
import { isMdeError, MdeError } from './errors';
import { GRAPH_HUNTING_PERMISSIONS, type HuntingApi, type HuntingRunner } from './hunting-transport';

/** MC1220762: MDE's advanced hunting API stops working when its retirement completes. From then on it is never called. */
export const MDE_HUNTING_RETIRED_AT = Date.UTC(2027, 0, 31);

export interface HuntingRunnerOptions {
  api: HuntingApi;
  /** Graph's runHuntingQuery; undefined when no Graph access was wired (then only the MDE endpoint, while it lives). */
  graph?: HuntingRunner;
  mde: HuntingRunner;
  /** Milliseconds since the epoch (the injected clock). */
  now: () => number;
  logger?: Logger;
}

/** MDE answers a route it no longer has with 404 (or 410): the endpoint is gone for good. */
const isGone = (err: unknown): boolean => isMdeError(err) && (err.status === 404 || err.status === 410);

/**
 * Picks the hunting API per query.
 * - `graph`: Graph only.
 * - `mde`: the MDE endpoint while it lives; once it is retired (the date, or a 404/410 from it), Graph.
 * - `auto`: Graph; only when Graph refuses for want of ThreatHunting.Read.All, and the MDE endpoint
 *   still lives, the MDE endpoint. If that fails too (however), the Graph refusal is what the caller
 *   sees: its permission is the one an admin should grant.
 */
export function createHuntingRunner(options: HuntingRunnerOptions): HuntingRunner {
  const logger = options.logger ?? pino({ level: 'silent' });
  let gone = false;
  const retired = () => gone || options.now() >= MDE_HUNTING_RETIRED_AT;

  const runMde: HuntingRunner = async (query, signal) => {
    try {
      return await options.mde(query, signal);
    } catch (err) {
      if (isGone(err)) {
        gone = true;
        logger.warn({ operation: 'hunting.run', status: (err as MdeError).status }, 'mde hunting endpoint retired; using graph only from now on');
      }
      throw err;
    }
  };

  return async (query, signal) => {
    if (options.api === 'mde' && !retired()) {
      try {
        return await runMde(query, signal);
      } catch (err) {
        if (!isGone(err) || !options.graph) throw err;
      }
    }
    const graph = options.graph;
    if (!graph) {
      if (!retired()) return runMde(query, signal);
      throw new MdeError({ kind: 'forbidden', operation: 'hunting.graph', code: 'GraphHuntingNotConfigured', permissions: GRAPH_HUNTING_PERMISSIONS });
    }
    try {
      return await graph(query, signal);
    } catch (err) {
      if (options.api !== 'auto' || !isMdeError(err) || err.kind !== 'forbidden' || retired()) throw err;
      logger.warn({ operation: 'hunting.graph', code: err.code, target: err.target }, 'graph hunting refused; trying the mde hunting endpoint');
      try {
        return await runMde(query, signal);
      } catch (legacy) {
        logger.warn({ operation: 'hunting.run', kind: isMdeError(legacy) ? legacy.kind : 'unexpected' }, 'mde hunting endpoint did not answer either');
        throw err;
      }
    }
  };
}
