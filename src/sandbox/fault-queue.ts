import { z } from 'zod';
import type { Fault } from './types';

/** The family name faults use for Entra's token endpoint. */
export const TOKEN_FAMILY = 'token';

/** The family name faults use for the Microsoft Graph simulator (role lookups). */
export const GRAPH_FAMILY = 'graph';

/** Graph's runHuntingQuery: rate-limited, faulted and counted on its own, like an MDE API family. */
export const GRAPH_HUNTING_FAMILY = 'graph-hunting';

const MAX_LATENCY_MS = 120_000;

/**
 * Faults arrive from people typing JSON by hand (admin route) as much as from tests, so the schema
 * is strict: a typo such as `"tmies"` is an error, not a silently ignored key.
 */
export function createFaultSchema(families: readonly string[]) {
  const base = {
    family: z
      .string()
      .refine((f) => families.includes(f), { message: `unknown family; expected one of: ${families.join(', ')}` })
      .optional(),
    times: z.number().int().min(1).max(10_000).optional(),
    /** Only requests with this method (MDE API families), e.g. the POST of `indicators` but not its GETs. */
    method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
  };
  return z.discriminatedUnion('type', [
    z.strictObject({
      ...base,
      type: z.literal('status'),
      status: z.number().int().min(400).max(599),
      code: z.string().min(1).max(100).optional(),
      retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
      /** The error body's correlation id (default a fresh one), for tests that follow it to a card. */
      target: z.string().min(1).max(200).optional(),
    }),
    z.strictObject({ ...base, type: z.literal('timeout') }),
    z.strictObject({ ...base, type: z.literal('malformed') }),
    z.strictObject({ ...base, type: z.literal('latency'), ms: z.number().int().min(0).max(MAX_LATENCY_MS) }),
  ]);
}

/** One line per problem, naming the field: what a person fixing their JSON needs. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');

/** An injected status fault's Retry-After header, when it names one. */
export const retryAfterHeaders = (fault: { retryAfterSeconds?: number }): Record<string, string> | undefined =>
  fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;

export interface FaultQueue {
  inject(fault: Fault): void;
  clear(): number;
  /** Takes the oldest fault matching the family and method (consuming one of its `times`), if any. */
  take(family: string, method?: string): Fault | undefined;
  pending(): Fault[];
}

export function createFaultQueue(families: readonly string[]): FaultQueue {
  const schema = createFaultSchema(families);
  const queue: { fault: Fault; left: number }[] = [];

  // A fault without a family targets the MDE API (and Graph's hunting, which replaces MDE's); the
  // token endpoint is hit by every client start and Graph by every role lookup, so breaking them
  // must be asked for by name.
  const familyMatches = (fault: Fault, family: string): boolean =>
    fault.family === undefined ? family !== TOKEN_FAMILY && family !== GRAPH_FAMILY : fault.family === family;
  const matches = (fault: Fault, family: string, method: string | undefined): boolean =>
    familyMatches(fault, family) && (fault.method === undefined || fault.method === method?.toUpperCase());

  return {
    inject(fault) {
      const parsed = schema.safeParse(fault);
      if (!parsed.success) throw new Error(`Invalid sandbox fault: ${describeIssues(parsed.error)}`);
      queue.push({ fault: parsed.data as Fault, left: parsed.data.times ?? 1 });
    },
    clear() {
      return queue.splice(0, queue.length).length;
    },
    take(family, method) {
      const index = queue.findIndex((entry) => matches(entry.fault, family, method));
      if (index < 0) return undefined;
      const entry = queue[index] as { fault: Fault; left: number };
      entry.left -= 1;
      if (entry.left <= 0) queue.splice(index, 1);
      return entry.fault;
    },
    pending() {
      return queue.map((entry) => ({ ...entry.fault, times: entry.left }));
    },
  };
}
