import { defaultCommands } from '../../src/app/commands';
import { createRouter } from '../../src/app/router';
import type { MdeClient } from '../../src/mde/client';
import { cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { appDeps, mdeError } from '../support/app-deps';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { ALERT, FILES, MACHINE } from '../support/mde-fixtures';

const SHA1 = FILES.malware.sha1;
const tenant = {
  files: [FILES.malware, FILES.clean],
  fileMachines: { [SHA1]: [MACHINE] },
  fileAlerts: { [SHA1]: [ALERT] },
  fileStats: { [SHA1]: { sha1: SHA1, organizationPrevalence: 3, orgFirstSeen: '2025-10-30T10:00:00Z', orgLastSeen: '2025-11-02T08:41:00Z', globalPrevalence: 1, globalFirstObserved: null, globalLastObserved: null, topFileNames: ['eicar.com'] } },
};

const click = async (verb: string, data: Record<string, unknown>, mde: MdeClient = fakeMdeClient(tenant)) => {
  const router = createRouter(appDeps(mde), defaultCommands());
  const card = await router.handleAction(fakeTurn({ action: { verb, data } }));
  return { card, text: cardText(card) };
};

describe('file.verdict (Details)', () => {
  it('when clicked with a SHA-256, then the answer is that file’s verdict card with pivots', async () => {
    const { text, card } = await click('file.verdict', { sha: FILES.malware.sha256 });
    expect(text).toMatch(/^Malicious/);
    expect(executeActions(card).map((a) => a.verb)).toEqual(['file.devices', 'file.alerts', 'file.stats']);
  });

  it('when clicked with an MD5, then hunting resolves it and the answer is the verdict card of the file it resolved to', async () => {
    const { text } = await click('file.verdict', { sha: FILES.malware.md5 });
    expect(text).toMatch(/^Malicious/);
    expect(text).toContain(`MD5 ${FILES.malware.md5} resolved through advanced hunting`);
  });

  it.each([
    ['missing', {}],
    ['a number', { sha: 42 }],
    ['not hex', { sha: 'z'.repeat(64) }],
    ['a path', { sha: '../../api/machines' }],
    ['an array', { sha: [FILES.malware.sha256] }],
    ['huge', { sha: 'a'.repeat(100_000) }],
  ])('when the sha is %s, then MDE is not called and the card says the button is not valid', async (_name, data) => {
    const mde = fakeMdeClient(tenant);
    const { text } = await click('file.verdict', data, mde);
    expect(text).toMatch(/^This button is not valid/);
    expect(mde.calls).toEqual([]);
  });

  it('when extra fields are forged into the data, then they are ignored', async () => {
    const mde = fakeMdeClient(tenant);
    const { text } = await click('file.verdict', { sha: FILES.clean.sha256, role: 'approver', verb: 'file.devices', portalUrl: 'https://evil' }, mde);
    expect(text).toMatch(/^Clean/);
    expect(text).not.toContain('evil');
    expect(mde.calls.map((c) => c.method)).toEqual(['getFile']);
  });
});

describe('file pivots', () => {
  it('when Devices is clicked, then the verdict card comes back with the devices section', async () => {
    const { text, card } = await click('file.devices', { sha: SHA1 });
    expect(text).toMatch(/^Malicious/);
    expect(text).toContain('Devices with this file (1)');
    expect(text).toContain('workstation-07.verdict-demo.example');
    expect(executeActions(card)).toHaveLength(3);
  });

  it('when Alerts is clicked, then the verdict card comes back with the alerts section', async () => {
    expect((await click('file.alerts', { sha: SHA1 })).text).toContain('Alerts with this file (1)');
  });

  it('when In our org is clicked, then the verdict card comes back with the org statistics', async () => {
    const { text } = await click('file.stats', { sha: SHA1.toUpperCase() });
    expect(text).toContain('In our org (last 30 days)');
    expect(text).toContain('Devices in the org\n3');
  });

  it('when no device has the file, then the section says so', async () => {
    expect((await click('file.devices', { sha: FILES.clean.sha1 })).text).toContain('No devices in your org have this file.');
  });

  it.each(['file.devices', 'file.alerts', 'file.stats'])('when %s carries a SHA-256 instead of a SHA-1, then it is refused without calling MDE', async (verb) => {
    const mde = fakeMdeClient(tenant);
    expect((await click(verb, { sha: FILES.malware.sha256 }, mde)).text).toMatch(/^This button is not valid/);
    expect(mde.calls).toEqual([]);
  });

  it('when the device lookup is forbidden, then the answer is the failure card naming the permission', async () => {
    const mde = fakeMdeClient(tenant, { getFileMachines: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, code: 'Forbidden', operation: 'files.machines', permissions: ['Machine.Read.All'], target: 'corr-7' })) });
    const { text } = await click('file.devices', { sha: SHA1 }, mde);
    expect(text).toMatch(/^Verdict is missing a Defender permission/);
    expect(text).toContain(`Listing the devices that have SHA-1 ${SHA1}`);
    expect(text).toContain('Machine.Read.All');
    expect(text).toContain('corr-7');
  });

  it('when the file is unknown to MDE, then the not-found card comes back without pivots', async () => {
    const unknown = 'ab'.repeat(20);
    const { text, card } = await click('file.alerts', { sha: unknown });
    expect(text).toMatch(/^Not found/);
    expect(executeActions(card)).toEqual([]);
  });
});
