import type { Card } from '../cards/card';
import { coverageCard } from '../cards/coverage-card';
import { describeMdeError } from '../mde/describe-error';
import { isMdeError } from '../mde/errors';
import type { MdeIndicator } from '../mde/indicator';
import type { LookupResult } from '../triage/bulk-summary';
import { assessCoverage } from '../triage/coverage';
import { groupByFile } from '../triage/file-groups';
import type { NetworkExtraction } from '../triage/network-iocs';
import type { AppDeps } from './deps';
import type { Turn } from './turn';
import { can, type Access } from './access';
import { blockIocsFormAction } from '../cards/block-iocs-form';

export interface IndicatorRead {
  /** Null when they could not be read; `note` says why. */
  indicators: MdeIndicator[] | null;
  note?: string;
}

/**
 * Reads the tenant's custom indicators for the coverage card: one paged list (1–3 calls of the
 * indicators family) that gives both the matches and the quota. Started alongside the hash
 * lookups so the advisory answer does not wait for it in turn. A failure is a note on the card,
 * never the end of the answer (the verdicts are still worth having).
 */
export function readIndicators(turn: Turn, deps: AppDeps): Promise<IndicatorRead> {
  const api = deps.indicators;
  if (!api) return Promise.resolve({ indicators: null, note: 'Custom indicators are not available in this setup: coverage shows detections only.' });
  return api.listAll().then(
    (indicators) => ({ indicators }),
    (err: unknown) => {
      if (!isMdeError(err)) {
        // Never a rejection: the verdicts are answered whatever happened here.
        turn.log.error({ err }, 'custom indicators could not be read for coverage');
        return { indicators: null, note: 'Custom indicators could not be read (an unexpected error, logged). Coverage shows detections only.' };
      }
      turn.log.warn({ err: { kind: err.kind, code: err.code, operation: err.operation } }, 'custom indicators could not be read for coverage');
      const needs = err.kind === 'forbidden' ? ` (Verdict needs ${err.permissions.join(', ') || 'Ti.ReadWrite.All'})` : '';
      return { indicators: null, note: `Custom indicators could not be read: ${describeMdeError(err).title}${needs}. Coverage shows detections only, and no quota.` };
    },
  );
}

/**
 * The coverage card for an advisory: file results (already looked up) and network IoCs, against
 * the indicators read. A responder also gets "Block the N not covered": the uncovered set is
 * stored and the button carries only its id.
 */
export async function advisoryCoverageCard(results: readonly LookupResult[], network: NetworkExtraction, read: IndicatorRead, deps: AppDeps, access?: Access): Promise<Card> {
  const coverage = assessCoverage({
    files: groupByFile(results),
    network: network.iocs,
    refused: network.refused,
    indicators: read.indicators,
    now: (deps.now ?? Date.now)(),
    ownClientId: deps.indicators?.ownClientId,
  });
  const notes = read.note ? [read.note] : [];
  if (network.truncated) notes.push(`Found ${network.totalFound} network IoCs; the first ${network.iocs.length} are assessed.`);
  const uncovered = coverage.rows.filter((r) => r.status === 'not-covered').map((r) => ({ type: r.type, value: r.value }));
  // Only with the quota known (a full tenant is refused before asking) and someone who may ask.
  const offer = uncovered.length > 0 && coverage.quota !== null && deps.iocSets && deps.containment && access && can(access.roles, 'request-containment');
  if (!offer || !deps.iocSets) return coverageCard({ coverage, notes });
  const setId = await deps.iocSets.save(uncovered, (deps.now ?? Date.now)());
  const files = uncovered.filter((r) => r.type.startsWith('File')).length;
  return coverageCard({ coverage, notes, blockAction: blockIocsFormAction({ setId, files, network: uncovered.length - files }) });
}
