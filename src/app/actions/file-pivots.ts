import type { CardSection } from '../../cards/card-section';
import { CARD_VERBS } from '../../cards/card-verbs';
import { alertsSection, devicesSection, orgStatsSection } from '../../cards/file-pivot-sections';
import type { AppDeps } from '../deps';
import { fileVerdictCard } from '../file-verdict';
import { mdeFailureCard } from '../mde-failure-card';
import type { ActionHandler } from '../router';
import { hashFromAction, invalidButtonCard } from './action-hash';
import { isolateRequestFormAction } from '../../cards/isolate-request-form';
import { oneLine } from '../../cards/escape';
import { clip } from '../../util/clip';
import { MACHINE_ID } from '../../mde/machine-actions';
import type { MdeMachine } from '../../mde/machine';
import { can, type Access } from '../access';
import { withActOnAll } from './devices-from-file';

/** "Isolate <device>" on each device row, for a responder when containment is wired. */
function withIsolation(section: CardSection, machines: readonly MdeMachine[], deps: AppDeps, access: Access): CardSection {
  if (!deps.containment || !can(access.roles, 'request-containment')) return section;
  return {
    ...section,
    items: section.items.map((item, i) => {
      const m = machines[i];
      const id = m?.id.trim().toLowerCase() ?? '';
      if (!m || !MACHINE_ID.test(id)) return item;
      const title = `Isolate ${clip(oneLine(m.computerDnsName ?? ''), 40) || id.slice(0, 8)}`;
      return { ...item, actions: [isolateRequestFormAction({ machineId: id, deviceName: m.computerDnsName, title })] };
    }),
  };
}

interface Pivot {
  verb: string;
  /** For the failure card: "Listing the devices that have SHA-1 …". */
  what: string;
  section(sha1: string, deps: AppDeps, access: Access): Promise<CardSection>;
}

const PIVOTS: readonly Pivot[] = [
  { verb: CARD_VERBS.fileDevices, what: 'Listing the devices that have', section: async (sha1, deps, access) => {
      const machines = await deps.mde.getFileMachines(sha1);
      return withActOnAll(withIsolation(devicesSection(machines), machines, deps, access), sha1, machines.length, deps, access);
    } },
  { verb: CARD_VERBS.fileAlerts, what: 'Listing the alerts that involve', section: async (sha1, deps) => alertsSection(await deps.mde.getFileAlerts(sha1)) },
  { verb: CARD_VERBS.fileStats, what: 'Getting org statistics for', section: async (sha1, deps) => orgStatsSection(await deps.mde.getFileStats(sha1)) },
];

/**
 * "Devices", "Alerts", "In our org" on a verdict card: the same verdict card again (the file is
 * fetched anew; the client caches it) with the pivot's result as a section below the facts. The
 * related-file endpoints take SHA-1 only, so that is all the buttons carry and all that passes.
 */
export const filePivotActions: readonly ActionHandler[] = PIVOTS.map(
  (pivot): ActionHandler => ({
    verb: pivot.verb,
    async run(turn, deps, access) {
      const hash = hashFromAction(turn, ['sha1']);
      if (!hash) return invalidButtonCard(turn);
      try {
        const [file, section] = await Promise.all([deps.mde.getFile(hash.value), pivot.section(hash.value, deps, access)]);
        return fileVerdictCard(hash, file, deps, section, access);
      } catch (err) {
        const card = mdeFailureCard(err, `${pivot.what} SHA-1 ${hash.value}`);
        if (card) return card;
        throw err;
      }
    },
  }),
);
