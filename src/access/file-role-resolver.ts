import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import pino from 'pino';
import { approversIn, type RoleResolver } from './role-resolver';
import { parseRolesFile, readRolesFile, type RolesFileResult, type RolesTable } from './roles-file';
import type { Role } from './roles';

export class RolesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolesFileError';
  }
}

/** Roles from a table already in memory (e.g. the sandbox's DEMO_ROLES_FILE, or tests). */
export function createStaticRoleResolver(table: RolesTable): RoleResolver {
  return {
    async rolesOf(user) {
      return new Set<Role>(table.get(user.aadObjectId?.toLowerCase() ?? '') ?? []);
    },
    approvers: async () => approversIn(table),
  };
}

/** A roles-file object (the JSON shape) as a resolver; throws RolesFileError when it is invalid. */
export function createRolesObjectResolver(value: unknown, source = '(in memory)'): RoleResolver {
  const parsed = parseRolesFile(value, source);
  if (!parsed.ok) throw new RolesFileError(parsed.error);
  return createStaticRoleResolver(parsed.table);
}

export interface FileRoleResolverOptions {
  path: string;
  now: () => number;
  /** How often a lookup may look at the file's mtime and size for edits; default 5 s. */
  checkIntervalMs?: number;
  logger?: Logger;
}

/**
 * Roles from `ROLES_FILE`. The file is read and validated at creation (a bad file rejects, naming
 * it, so start fails). Edits are picked up: at most every `checkIntervalMs` a lookup stats the
 * file, and re-reads it when its mtime or size changed. An edit that breaks the file fails closed:
 * lookups reject with RolesFileError (no stale grants) until the file is valid again.
 */
export async function createFileRoleResolver(opts: FileRoleResolverOptions): Promise<RoleResolver> {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const checkIntervalMs = opts.checkIntervalMs ?? 5_000;
  const signature = async (): Promise<string> => {
    const s = await stat(opts.path);
    return `${s.mtimeMs}:${s.size}`;
  };
  const load = async () => {
    const seen = await signature().catch(() => 'missing');
    const result = await readRolesFile(opts.path);
    return { seen, result };
  };

  const first = await load();
  if (!first.result.ok) throw new RolesFileError(first.result.error);
  let state: { seen: string; result: RolesFileResult; checkedAt: number } = { seen: first.seen, result: first.result, checkedAt: opts.now() };
  let reloading: Promise<void> | undefined;

  const refresh = async (): Promise<void> => {
    const current = await signature().catch(() => 'missing');
    if (current === state.seen) return;
    const next = await load();
    state = { ...next, checkedAt: opts.now() };
    if (next.result.ok) logger.info({ path: opts.path, users: next.result.table.size }, 'roles file reloaded');
    else logger.error({ path: opts.path, problem: next.result.error }, 'roles file invalid; refusing every role until it is fixed');
  };

  /** The table as of now: edits picked up, a broken file refused. */
  const current = async () => {
    if (opts.now() - state.checkedAt >= checkIntervalMs) {
      state = { ...state, checkedAt: opts.now() };
      reloading ??= refresh().finally(() => (reloading = undefined));
    }
    if (reloading) await reloading;
    if (!state.result.ok) throw new RolesFileError(state.result.error);
    return state.result.table;
  };

  return {
    async rolesOf(user) {
      return new Set<Role>((await current()).get(user.aadObjectId?.toLowerCase() ?? '') ?? []);
    },
    approvers: async () => approversIn(await current()),
  };
}
