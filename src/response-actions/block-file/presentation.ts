import type { CardSection } from '../../cards/card-section';
import { safeText } from '../../cards/escape';
import { requestStatus } from '../../cards/request-status';
import type { ActionPresentation } from '../../app/containment/action-presentation';
import { fileVerdictCard } from '../../app/file-verdict';
import { hashTypeOf } from '../../triage/hashes';
import { blockFileView } from './card-view';
import type { BlockFileRequest } from './request';
import { requestBlockHandler } from './request-handler';

/** The "Block requested" section of the requester's verdict card, as the request stands now. */
function blockSection(r: BlockFileRequest): CardSection {
  return {
    title: 'Block requested',
    empty: '',
    items: [],
    facts: [
      { title: 'Request', value: safeText(r.id, 64) },
      { title: 'Status', value: requestStatus(r, blockFileView).text },
    ],
    more: '',
  };
}

/** A refused form click aimed at this hash (only a well-formed SHA-256 or SHA-1 is kept). */
function clickFacts(data: Record<string, unknown>): Record<string, unknown> {
  const v = data.sha;
  const sha = typeof v === 'string' && v.length <= 100 ? v.trim().toLowerCase() : '';
  const type = hashTypeOf(sha);
  return type === 'sha256' || type === 'sha1' ? { sha } : {};
}

export const blockFilePresentation: ActionPresentation<BlockFileRequest> = {
  kind: 'block-file',
  view: blockFileView,
  requestHandlers: [requestBlockHandler],
  clickFacts,
  /** Their verdict card with the block's status (the file is looked up again, through the cache). */
  async originCard(r, deps) {
    const sha = r.target.sha256 ?? r.target.sha1 ?? '';
    const hash = { value: sha, type: r.target.sha256 ? ('sha256' as const) : ('sha1' as const) };
    return fileVerdictCard(hash, await deps.mde.getFile(sha), deps, blockSection(r));
  },
};
