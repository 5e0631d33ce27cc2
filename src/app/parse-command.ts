/**
 * Splits "/hash  abc def" into { name: 'hash', args: 'abc def' }. Only the first token counts as
 * the command, so "/hashes" or "see /hash" never match `hash` by accident.
 */
export interface ParsedCommand {
  name: string;
  args: string;
}

export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return undefined;
  const token = match[1] ?? '';
  const name = token.replace(/^\//, '').toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  return { name, args: (match[2] ?? '').trim() };
}
