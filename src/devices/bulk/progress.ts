import { actionGerund } from './bulk-action';
import type { BulkProgress } from './ports';
import { FINAL_STATUSES, type BulkRun } from './run-state';

export function progressOf(run: BulkRun): BulkProgress {
  const p: BulkProgress = { total: run.devices.length, queued: 0, accepted: 0, alreadyPending: 0, conflict: 0, done: 0, failed: 0, succeeded: 0, endedBadly: 0, running: 0 };
  for (const d of run.devices) {
    if (d.state === 'queued' || d.state === 'sending') p.queued++;
    else if (d.state === 'already-pending') p.alreadyPending++;
    else if (d.state === 'conflict') p.conflict++;
    else if (d.state === 'done') p.done++;
    else if (d.state === 'failed') p.failed++;
    else {
      p.accepted++;
      if (d.mdeStatus === 'Succeeded') p.succeeded++;
      else if (d.mdeStatus && FINAL_STATUSES.has(d.mdeStatus)) p.endedBadly++;
      else p.running++;
    }
  }
  return p;
}

const part = (n: number, words: string) => (n > 0 ? [`${n} ${words}`] : []);

/** "Isolating (Full) 137 devices: 120 accepted, 3 already pending, 1 failed…", then what MDE made of the accepted ones. */
export function progressLine(run: BulkRun, p: BulkProgress = progressOf(run)): string {
  const sent = run.meta.action.kind === 'tag' ? part(p.done, 'tagged') : part(p.accepted, 'accepted');
  const parts = [...sent, ...part(p.alreadyPending, 'already pending'), ...part(p.conflict, 'held by another Verdict request'), ...part(p.failed, 'failed'), ...part(p.queued, 'waiting to be sent')];
  const head = `${actionGerund(run.meta.action)} ${p.total} device${p.total === 1 ? '' : 's'}: ${parts.join(', ') || 'starting'}`;
  if (p.accepted === 0) return `${head}${p.queued > 0 ? '…' : '.'}`;
  const mde = [...part(p.succeeded, 'succeeded'), ...part(p.endedBadly, 'ended without success'), ...part(p.running, 'still running')];
  return `${head}. In Defender: ${mde.join(', ')}${p.running > 0 ? '…' : '.'}`;
}

/** A run's state in at most 64 characters (a request's stored MDE status); final ones start "Completed". */
export function runStatus(run: BulkRun): string {
  const p = progressOf(run);
  const ok = p.succeeded + p.done;
  const notOk = p.failed + p.endedBadly + p.conflict;
  if (run.meta.finishedAt) return `Completed: ${ok} ok, ${p.alreadyPending} already pending, ${notOk} failed`.slice(0, 64);
  return `Running: ${p.total - p.queued}/${p.total} sent, ${ok} done, ${notOk} failed`.slice(0, 64);
}

export const isFinalRunStatus = (status: string): boolean => status.startsWith('Completed');
