import { machineActionsCard } from '../../cards/machine-actions-card';
import { deviceListCards } from '../../cards/device-list-card';
import { usageCard } from '../../cards/usage-card';
import { deviceKeyOf } from '../../devices/device-keys';
import { progressLine } from '../../devices/bulk/progress';
import { mdeFailureCard } from '../mde-failure-card';
import type { Command } from './command';
import type { Card } from '../../cards/card';
import type { AppDeps } from '../deps';
import { can, type Access } from '../access';
import { packageButtons } from '../actions/package-link';

const USAGE = '/actions [device | request id]';
const usage = [
  { command: '/actions', text: 'Machine actions in Defender in the last 24 hours' },
  { command: '/actions <device name or id>', text: '/actions laptop-12.verdict-demo.example' },
  { command: '/actions <request id>', text: "A device request's progress, device by device" },
];
const DAY_MS = 24 * 3_600_000;
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

async function cardsFor(args: string, deps: AppDeps, access: Access): Promise<Card[]> {
  const devices = deps.devices;
  if (!devices) return [usageCard({ problem: 'Device actions are not available in this deployment.', usage })];
  if (args === '') {
    const since = new Date((deps.now ?? Date.now)() - DAY_MS).toISOString();
    return [machineActionsCard('Machine actions in Defender, last 24 hours', await devices.actions({ createdSince: since }))];
  }
  // A Verdict request id names a bulk run; anything else is a device.
  const run = REQUEST_ID.test(args) && !/\./.test(args) ? await devices.runs?.get(args) : null;
  if (run) {
    const lines = run.devices.map((d) => ({ id: d.id, name: `${d.name}: ${d.mdeStatus ?? d.state}${d.mdeId ? ` (machine action ${d.mdeId})` : d.existingId ? ` (existing action ${d.existingId})` : ''}` }));
    const head = machineActionsCard(`Request ${run.meta.id}`, [], [progressLine(run)]);
    // Package links are for approvers only, and fetched from Defender on click.
    const buttons = can(access.roles, 'decide-containment') ? packageButtons(run) : [];
    return [buttons.length > 0 ? { ...head, actions: buttons } : head, ...deviceListCards(lines)];
  }
  const key = deviceKeyOf(args);
  if (!key) return [usageCard({ problem: 'Give a device name, a 40-hex device id or a request id.', usage })];
  const machine = key.kind === 'id' ? await devices.lookup.getMachine(key.value) : await devices.lookup.getMachineByName(key.value);
  if (!machine) return [usageCard({ problem: `No device or request ${args.slice(0, 80)} in Defender or Verdict.`, usage })];
  const actions = await devices.actions({ machineId: machine.id });
  return [machineActionsCard(`Machine actions on ${machine.computerDnsName ?? machine.id}`, actions.map((a) => ({ ...a, computerDnsName: machine.computerDnsName })))];
}

/** `/actions`: recent machine actions and their MDE status; for one device; or one device request's progress. */
export const actionsCommand: Command = {
  name: 'actions',
  usage: USAGE,
  description: "Recent machine actions in Defender and their status, a device's actions, or a device request's progress device by device.",
  example: '/actions laptop-12.verdict-demo.example',
  async run(turn, args, deps, access) {
    try {
      for (const card of await cardsFor(args.trim(), deps, access)) await turn.reply(card);
    } catch (err) {
      const card = mdeFailureCard(err, 'Listing machine actions');
      if (!card) throw err;
      await turn.reply(card);
    }
  },
};
