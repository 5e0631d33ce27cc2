import { defaultCommands } from '../../src/app/commands';
import { actionPresentations } from '../../src/app/containment/action-presentation';
import { createRouter } from '../../src/app/router';
import type { Role } from '../../src/access/roles';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { blockFilePresentation } from '../../src/response-actions/block-file/presentation';
import { isolateDevicePresentation } from '../../src/response-actions/isolate-device/presentation';
import { appDeps, everyoneIs } from '../support/app-deps';
import { cardText } from '../support/card-text';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { MACHINE } from '../support/mde-fixtures';
import { containmentApp } from '../support/stored-request';
import { setup, TENANT } from './containment-fakes';

/** ACTION_POLICY's request role gates a kind's form at the router as well as in the service. */
const policy = new Map([['isolate-device', { requestRole: 'approver' as const, approval: 'four-eyes' as const }]]);

async function askIsolation(...roles: Role[]) {
  const h = setup({ actionPolicy: policy });
  const actions = actionPresentations([blockFilePresentation, isolateDevicePresentation], new Map([['block-file', 'responder'], ['isolate-device', 'approver']]));
  const deps = appDeps(fakeMdeClient({ machines: [MACHINE] }), { roles: everyoneIs(...roles), containment: { ...containmentApp({ service: h.service, fourEyes: true }), actions } });
  const turn = fakeTurn({ tenantId: TENANT, action: { verb: CARD_VERBS.containmentRequestIsolation, data: { machineId: MACHINE.id, reason: 'ransomware' } } });
  return { h, text: cardText(await createRouter(deps, defaultCommands()).handleAction(turn)) };
}

describe('a kind whose policy names who may request it', () => {
  it('when only approvers may ask for isolation, then a responder is refused before the form is read, and an approver (without the responder role) may ask', async () => {
    const responder = await askIsolation('responder');
    expect(responder.text).toMatch(/approver role/);
    expect(responder.h.audit.entries).toEqual([]);
    const approver = await askIsolation('approver');
    expect(approver.text).toMatch(/^Isolation requested/);
    expect(approver.h.audit.entries[0]).toMatchObject({ type: 'containment.requested', actor: expect.objectContaining({ name: 'Alex Wilber' }) });
  });
});
