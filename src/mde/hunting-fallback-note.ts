import { describeMdeError } from './describe-error';
import type { MdeError } from './errors';

/** The note when hunting is refused, naming the permission the refusing API wants (ThreatHunting.Read.All on Graph). */
export const huntingForbiddenNote = (permissions: readonly string[], what = 'hashes'): string =>
  `Advanced hunting is not permitted for Verdict (${permissions.join(', ') || 'ThreatHunting.Read.All'}); looked ${what} up one by one.`;

/**
 * Why a hunting query Verdict wrote itself did not answer and `what` were looked up one by one
 * instead: the permission it lacks, or the failure's user-facing title and MDE's code (never the
 * error's own text).
 */
export function huntingFallbackNote(err: MdeError, what: string): string {
  if (err.kind === 'forbidden' && err.code !== 'DisabledFeature') return huntingForbiddenNote(err.permissions, what);
  return `Advanced hunting did not answer (${describeMdeError(err).title}${err.code ? `, ${err.code}` : ''}); looked ${what} up one by one.`;
}
