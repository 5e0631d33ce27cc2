import { z } from 'zod';

/** Input rules the kinds' forms share: outside input, every field. */

export const trimmed = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);
export const optionalTrimmed = (max: number, what: string) => z.string().trim().max(max, `${what} is longer than ${max} characters`).optional().transform((v) => v || undefined);
/** Exactly the hex and length, nothing around it: a lookalike or a substring must not slip through. */
export const hex = (length: number, what: string) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `${what} must be exactly ${length} hex characters`).transform((v) => v.toLowerCase());

const SEVERITY_NAMES = ['Informational', 'Low', 'Medium', 'High'] as const;

/**
 * The fields every indicator form has (one file, or a set): as the card's inputs send them, read
 * leniently here; the kind applies the real rules to what it is given.
 */
export const indicatorFormFields = {
  severity: z.enum(SEVERITY_NAMES).default('High'),
  expiryDays: z.coerce.number().int().min(1).max(365).default(30),
  title: z.string().max(4000).default(''),
  description: z.string().max(16000).default(''),
  reason: z.string().max(4000).default(''),
  deviceGroups: z.string().max(16000).optional(),
};
