import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isObjectId } from './role-resolver';
import { expandRoles, ROLES, type Role } from './roles';

/**
 * The roles file (`ROLES_FILE`): Entra object ids to roles, e.g.
 * `{ "users": { "3a8f1c52-…": ["responder"], "…": ["approver", "responder"] } }`.
 * An empty list is allowed (a listed user with no role). Unknown top-level keys are errors, so a
 * typo such as `"user"` fails loudly instead of denying everyone; `$comment` is allowed for notes.
 */
export const rolesFileSchema = z.strictObject({
  $comment: z.string().optional(),
  users: z
    .record(z.string(), z.array(z.enum(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })))
    // Keys checked here rather than by the record's key schema, whose error would not name the key.
    .superRefine((users, ctx) => {
      for (const id of Object.keys(users)) {
        if (!isObjectId(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'must be an Entra object id (GUID)' });
      }
    }),
});

export type RolesFile = z.infer<typeof rolesFileSchema>;

/** Lower-cased object id → roles with their implications. */
export type RolesTable = ReadonlyMap<string, ReadonlySet<Role>>;

export type RolesFileResult = { ok: true; table: RolesTable } | { ok: false; error: string };

/** Validates a parsed roles file; `source` (the path) leads every error line. */
export function parseRolesFile(value: unknown, source: string): RolesFileResult {
  const parsed = rolesFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    return { ok: false, error: `Roles file ${source}: ${problems.join('; ')}` };
  }
  const table = new Map<string, ReadonlySet<Role>>();
  for (const [id, roles] of Object.entries(parsed.data.users)) {
    const key = id.toLowerCase();
    if (table.has(key)) return { ok: false, error: `Roles file ${source}: users.${id}: listed twice (object ids are case-insensitive)` };
    table.set(key, expandRoles(roles));
  }
  return { ok: true, table };
}

/** Reads and validates the file. Never throws: a missing or broken file is a value naming it. */
export async function readRolesFile(path: string): Promise<RolesFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `Roles file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Roles file ${path}: is not valid JSON (${(error as Error).message})` };
  }
  return parseRolesFile(json, path);
}
