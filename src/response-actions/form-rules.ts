import { z } from 'zod';

/** Input rules the kinds' forms share: outside input, every field. */

export const trimmed = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);
export const optionalTrimmed = (max: number, what: string) => z.string().trim().max(max, `${what} is longer than ${max} characters`).optional().transform((v) => v || undefined);
/** Exactly the hex and length, nothing around it: a lookalike or a substring must not slip through. */
export const hex = (length: number, what: string) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `${what} must be exactly ${length} hex characters`).transform((v) => v.toLowerCase());
