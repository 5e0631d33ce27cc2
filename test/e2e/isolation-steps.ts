/**
 * Steps the isolation e2e tests share: Alex filling in an isolation form in the Playground, reading
 * a card the bot redraws, and MDE (the bot's embedded sandbox, through the real MDE client) as the
 * oracle for what was actually done to a device.
 */
import { listMachineActions } from '../../src/mde/machine-actions';
import type { MdeMachineAction } from '../../src/mde/machine-action';
import { createMdeRequest, type MdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import type { MdeMachineEntity } from '../../src/sandbox/demo-machines';
import { shownWhen } from './approval-steps';
import type { CardHandle, E2e } from './harness';

export const REASON_LABEL = "Why (the approver sees this; it goes into Defender's comment)";

export interface IsolationSteps {
  /** The isolations MDE has for the device, oldest first. */
  isolationsOf(machine: MdeMachineEntity): Promise<MdeMachineAction[]>;
  /** The card as the Playground shows it, once `done` holds (the bot updates messages in place). */
  shownWhen(card: CardHandle, done: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Opens the form `formTitle` on `card`, fills it in as Alex, sends it; the answer that replaced the card. */
  sendIsolationForm(card: CardHandle, formTitle: string, isolationType: 'Full' | 'Selective', reason: string): Promise<string>;
  /** Alex's /alertfiles card for the alert. */
  alertCard(alertId: string): Promise<CardHandle>;
  /** The titles of the buttons the card shows now. */
  buttonsOn(card: CardHandle): Promise<string[]>;
}

export { answered } from './approval-steps';

export function isolationSteps(e2e: E2e): IsolationSteps {
  const sandbox = e2e.bot.sandbox;
  if (!sandbox) throw new Error('the e2e bot runs without its sandbox: nothing to check machine actions against');
  const tokenProvider = createMsalTokenProvider({ ...sandbox.credentials, authorityHost: sandbox.authorityHost, scope: 'https://api.securitycenter.microsoft.com/.default', caCertPem: sandbox.caCertPem });
  const mde: MdeRequest = createMdeRequest({ baseUrl: sandbox.apiBaseUrl, tokenProvider });

  return {
    isolationsOf: (machine) => listMachineActions(mde, { machineId: machine.id, type: 'Isolate' }),
    shownWhen: (card, done, what, timeoutMs) => shownWhen(e2e, card, done, what, timeoutMs),
    async sendIsolationForm(card, formTitle, isolationType, reason) {
      await e2e.openShowCard(card, formTitle);
      // Input.ChoiceSet renders as a Fluent combobox; its options open in a popup outside the card.
      await card.root.getByRole('combobox', { name: /^Isolation/ }).click();
      await e2e.page.getByRole('option', { name: new RegExp(`^${isolationType}:`) }).click();
      await card.root.getByLabel(REASON_LABEL).fill(reason);
      const sent = await e2e.clickCardButton(card, 'Send for approval');
      expect(sent.kind).toBe('execute');
      return e2e.cardText(sent.card);
    },
    async alertCard(alertId) {
      await e2e.send(`/alertfiles ${alertId}`);
      // The requester's news about an earlier request (its isolation ending in Defender) may land
      // between the command and its answer: skip it, it is not the alert card.
      for (let skipped = 0; ; skipped++) {
        const card = await e2e.nextBotCard();
        if (skipped >= 3 || !(await e2e.cardText(card)).includes("news on your request")) return card;
      }
    },
    buttonsOn: async (card) => (await card.root.getByRole('button').allInnerTexts()).map((t) => t.trim()),
  };
}
