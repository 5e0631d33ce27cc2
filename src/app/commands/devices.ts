import { randomUUID } from 'node:crypto';
import { deviceSetCard } from '../../cards/device-set-card';
import type { Card } from '../../cards/card';
import { formatCount } from '../../cards/format';
import { progressCard, progressStoppedCard } from '../../cards/progress-card';
import { usageCard } from '../../cards/usage-card';
import { problemCard } from '../../cards/problem-card';
import { executeAction } from '../../cards/card-action';
import { CARD_VERBS } from '../../cards/card-verbs';
import type { DeviceSetOutcome } from '../../devices/device-set';
import { devicesFromText } from '../../devices/pasted-source';
import { devicesFromQuery } from '../../devices/query-source';
import { can } from '../access';
import { deviceRefusalCard } from '../devices/refusal-card';
import { sentCsvText } from '../devices/sent-csv';
import { mdeFailureCard } from '../mde-failure-card';
import type { Command } from './command';
import type { Turn } from '../turn';
import { bulkSettings, type AppDeps } from '../deps';
import { startProgress, type ProgressMessage } from '../progress-message';
import { HUNT_ABOVE } from '../../devices/limits';
import { DEVICE_ROWS } from '../../cards/device-set-card';

const lookingUp = (n: number) => `Looking up ${formatCount(n) ?? '0'} devices…`;
const PROGRESS_NOTE = 'Names and ids are matched with one advanced hunting query; any it does not find are looked up one by one.';

const USAGE = '/devices <names or ids> | /devices query <KQL>';
const usage = [
  { command: '/devices <names or ids>', text: '/devices laptop-12.contoso.com, build-server-02.contoso.com' },
  { command: '/devices query <KQL>', text: '/devices query DeviceInfo | where OSPlatform == "Windows11"' },
  { command: '/devices <CSV with a Name or DeviceId column>', text: '/devices Name,Owner⏎ws-1.contoso.com,Alex' },
];

/** Journals who ran which hunting query before it runs (a query is an act, like reading the trail). */
async function journalQuery(turn: Turn, deps: AppDeps, query: string): Promise<boolean> {
  if (!deps.audit) return true;
  try {
    await deps.audit.append({ type: 'command.run', actor: { aadObjectId: turn.user.aadObjectId, name: turn.user.name }, data: { command: '/devices query', query, tenantId: turn.tenantId ?? null } });
    return true;
  } catch (err) {
    turn.log.error({ err }, 'could not journal a device query; not running it');
    await turn.reply(problemCard({ title: "Verdict couldn't write its audit journal", detail: 'Hunting queries are recorded before they run, and that failed, so the query did not run.', action: 'Try again in a minute; if it keeps failing, tell your Verdict admin.' }));
    return false;
  }
}

/**
 * `/devices`: a device set from pasted names/ids, a pasted CSV, or (responders) an advanced
 * hunting query; the set card shows it and the actions this viewer may request. The set is kept
 * under an opaque id for the card's buttons.
 */
export const devicesCommand: Command = {
  name: 'devices',
  usage: USAGE,
  description: 'A set of devices from names or ids, a CSV (Name or DeviceId column) or an advanced hunting query (responders), with their health, exposure and isolation state, and the actions you may request on them.',
  example: '/devices laptop-12.verdict-demo.example build-server-02.verdict-demo.example',
  async run(turn, args, deps, access) {
    const devices = deps.devices;
    if (!devices) {
      await turn.reply(usageCard({ problem: 'Device sets are not available in this deployment.', usage }));
      return;
    }
    if (args === '' && !turn.file) {
      await turn.reply(usageCard({ problem: 'Give device names or ids, a CSV, or the word query and a KQL query.', usage }));
      return;
    }
    const query = /^query(?:\s+([\s\S]*))?$/i.exec(args);
    let outcome: DeviceSetOutcome;
    // A long list's "Looking up N devices…" message, which the answer then replaces.
    let progress: ProgressMessage | undefined;
    let total = 0;
    const answer = (card: Card) => (progress ? progress.finish([card]) : turn.reply(card).then(() => undefined));
    try {
      if (query) {
        if (!can(access.roles, 'request-containment')) {
          await turn.reply(problemCard({ title: 'Only responders may run hunting queries', detail: 'A query can read any device data in Defender, so `/devices query` is for the responder role.', action: 'Paste the device names or ids instead, or ask a responder.' }));
          return;
        }
        const text = (query[1] ?? '').trim();
        if (text !== '' && !(await journalQuery(turn, deps, text.slice(0, 10_000)))) return;
        await turn.reply(progressCard({ total: 0, title: 'Finding the devices…', note: 'Running the advanced hunting query…' }));
        outcome = await devicesFromQuery(devices.hunt, devices.lookup, text);
      } else {
        let text = args;
        let fileName: string | undefined;
        if (turn.file && args === '') {
          const sent = await sentCsvText(turn);
          if (!sent.ok) {
            await turn.reply(sent.card);
            return;
          }
          ({ text, name: fileName } = sent);
        }
        // Hunting is for responders when the query is the user's own (`/devices query`). This one is
        // Verdict's: built by src/devices/name-hunt.ts from names and ids that passed validation, and
        // it returns only DeviceId, DeviceName and Timestamp, so anyone who may run /devices uses it.
        outcome = await devicesFromText(devices.lookup, text, {
          ...(fileName !== undefined ? { fileName } : {}),
          hunt: devices.hunt,
          onStart: async (n) => {
            if (n <= HUNT_ABOVE) return;
            total = n;
            progress = await startProgress(turn, progressCard({ total: n, title: lookingUp(n), note: PROGRESS_NOTE }), { now: deps.now ?? Date.now, intervalMs: bulkSettings(deps).progressIntervalMs });
          },
          onProgress: (done, n) => progress?.update(progressCard({ total: n, done, title: lookingUp(n), note: PROGRESS_NOTE })),
        });
      }
    } catch (err) {
      const card = mdeFailureCard(err, query ? 'Running the device query' : 'Looking the devices up');
      if (!card) {
        // Say the lookup stopped rather than leave "Looking up…" forever; the turn's handler answers with the error.
        await progress?.finish([progressStoppedCard(total, ['device', 'devices'])]).catch((finishErr: unknown) => turn.log.warn({ err: finishErr }, 'could not mark the lookup as stopped'));
        throw err;
      }
      await answer(card);
      return;
    }
    if (!outcome.ok) {
      await answer(deviceRefusalCard(outcome));
      return;
    }
    const setId = randomUUID();
    if (outcome.set.devices.length > 0) await devices.sets.save(setId, outcome.set, turn.user.aadObjectId ?? '', (deps.now ?? Date.now)());
    const showAll = outcome.set.devices.length > DEVICE_ROWS ? [executeAction(`Show all ${outcome.set.devices.length} devices`, CARD_VERBS.devicesList, { setId })] : [];
    await answer(deviceSetCard({ set: outcome.set, actions: [...showAll, ...(outcome.set.devices.length > 0 ? (devices.actionsFor?.(setId, access, outcome.set.devices.length) ?? []) : [])] }));
  },
};
