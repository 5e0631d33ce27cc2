import { alertFilesCard } from '../../cards/alert-files-card';
import { problemCard } from '../../cards/problem-card';
import { oneLine } from '../../cards/escape';
import { clip } from '../../util/clip';
import { usageCard } from '../../cards/usage-card';
import { describeMdeError } from '../../mde/describe-error';
import { isMdeError } from '../../mde/errors';
import { parseAlertId } from '../../triage/alert-id';
import type { MdeMachine } from '../../mde/machine';
import { decideVerdict, VERDICT_LABEL, VERDICT_RANK, type Verdict } from '../../triage/verdict';
import { hashOfType } from '../../triage/hashes';
import type { MdeAlert } from '../../mde/alert';
import type { MdeFile } from '../../mde/file';
import { MAX_ALERT_FILE_ROWS } from '../../cards/alert-files-card';
import { requestBlockForAlertAction } from '../../cards/block-request-form';
import type { Card } from '../../cards/card';
import type { AppDeps } from '../deps';
import { mdeFailureCard } from '../mde-failure-card';
import type { Command } from './command';
import { isolateRequestFormAction } from '../../cards/isolate-request-form';
import { MACHINE_ID } from '../../mde/machine-actions';
import { respondOnDeviceButton } from '../actions/devices-from-alert';
import { can, type Access } from '../access';

const USAGE = '/alertfiles <alert id>';
const EXAMPLE = '/alertfiles da637472900382838869_1364969609';

export const alertFilesCommand: Command = {
  name: 'alertfiles',
  usage: USAGE,
  description: "An alert's device and every file in it, each with Defender's verdict, most dangerous first.",
  example: EXAMPLE,
  async run(turn, args, deps, access) {
    const alertId = parseAlertId(args);
    if (!alertId) {
      const problem = args
        ? `"${clip(oneLine(args), 80)}" doesn't look like an MDE alert id (letters, digits, _ and -, e.g. da637472900382838869_1364969609).`
        : 'Give me the id of an MDE alert (from the alert page in the Defender portal).';
      await turn.reply(usageCard({ problem, usage: [{ command: USAGE, text: EXAMPLE }] }));
      return;
    }
    turn.log.info({ alertId }, 'alert files lookup');
    await turn.reply(await alertFilesAnswer(alertId, deps, access));
  },
};

async function alertFilesAnswer(alertId: string, deps: AppDeps, access: Access): Promise<Card> {
  // Independent calls, in parallel. The alert is required; the device and files are parts the
  // card can show without, so their failures become notes on it.
  const [alert, machine, files] = await Promise.all([
    load(deps.mde.getAlert(alertId)),
    load(deps.mde.getAlertMachine(alertId), "Couldn't load the alert's device"),
    load(deps.mde.getAlertFiles(alertId), "Couldn't load the alert's files"),
  ]);
  if (!alert.ok) {
    const card = mdeFailureCard(alert.error, `Looking up alert ${alertId}`);
    if (card) return card;
    throw alert.error;
  }
  if (alert.value === null) return notFoundCard(alertId);
  const judged = files.ok ? (files.value ?? []).map((file) => ({ file, verdict: decideVerdict(file) })) : [];
  return alertFilesCard({
    alertId,
    alert: alert.value,
    machine,
    files: files.ok ? { ok: true, value: judged } : files,
    portalUrl: deps.portalUrl,
    actions: [...blockButton(alertId, alert.value, machine, judged, deps, access), ...isolationButton(machine, deps, access), ...respondButton(machine, judged, deps, access)],
  });
}

/** "Request block" for one of the alert's files (picked from a list): responders only, files with a SHA. */
function blockButton(alertId: string, alert: MdeAlert, machine: Settled<MdeMachine | null>, judged: { file: MdeFile; verdict: Verdict }[], deps: AppDeps, access: Access) {
  if (!deps.containment || !can(access.roles, 'request-containment')) return [];
  const choices = [...judged]
    .sort((a, b) => VERDICT_RANK[a.verdict.level] - VERDICT_RANK[b.verdict.level])
    .slice(0, MAX_ALERT_FILE_ROWS)
    .flatMap(({ file, verdict }) => {
      const sha = hashOfType(file.sha256, 'sha256') ?? hashOfType(file.sha1, 'sha1');
      return sha ? [{ sha, verdictLabel: VERDICT_LABEL[verdict.level], what: verdict.threatName }] : [];
    });
  const action = requestBlockForAlertAction({ files: choices, alertId, alertTitle: alert.title, deviceName: machine.ok ? machine.value?.computerDnsName : undefined });
  return action ? [action] : [];
}


/** "Request isolation" for the alert's device: responders only, and only for a well-formed device id. */
function isolationButton(machine: Settled<MdeMachine | null>, deps: AppDeps, access: Access) {
  if (!machine.ok || !machine.value || !deps.containment || !can(access.roles, 'request-containment')) return [];
  const id = machine.value.id.trim().toLowerCase();
  return MACHINE_ID.test(id) ? [isolateRequestFormAction({ machineId: id, deviceName: machine.value.computerDnsName })] : [];
}

/** "Respond on this device" (scan, quarantine the worst file…): a device set of the alert's device. */
function respondButton(machine: Settled<MdeMachine | null>, judged: { file: MdeFile; verdict: Verdict }[], deps: AppDeps, access: Access) {
  if (!machine.ok || !machine.value) return [];
  const worst = [...judged].sort((a, b) => VERDICT_RANK[a.verdict.level] - VERDICT_RANK[b.verdict.level]).map(({ file }) => hashOfType(file.sha1, 'sha1')).find(Boolean);
  return respondOnDeviceButton(machine.value.id.trim().toLowerCase(), worst ?? undefined, deps, access);
}

/** The card's Loaded<T>, plus the error itself for the alert's own failure card. */
type Settled<T> = { ok: true; value: T } | { ok: false; problem: string; error: unknown };

/** An expected MDE failure as a value (with a one-line explanation); anything else still throws. */
async function load<T>(call: Promise<T>, what = 'Failed'): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (err) {
    if (!isMdeError(err)) throw err;
    const text = describeMdeError(err);
    return { ok: false, error: err, problem: `${what}: ${text.title}. ${text.detail}${err.target ? ` (correlation id ${err.target})` : ''}` };
  }
}

function notFoundCard(alertId: string): Card {
  return problemCard({
    title: "No alert with that id (or it is outside MDE's retention period)",
    detail: `MDE has no alert ${alertId}.`,
    action: 'Check the id: copy it from the alert page in the Defender portal. Alerts last updated before the retention period cannot be fetched.',
  });
}
