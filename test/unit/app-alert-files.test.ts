import { alertFilesCommand } from '../../src/app/commands/alert-files';
import { defaultCommands } from '../../src/app/commands';
import { cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { appDeps, mdeError, READER } from '../support/app-deps';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { ALERT, ALERT_ID, FILES, MACHINE } from '../support/mde-fixtures';

const tenant = { alerts: { [ALERT_ID]: { alert: ALERT, files: [FILES.clean, FILES.malware, FILES.pua], machine: MACHINE } } };

const run = async (args: string, mde = fakeMdeClient(tenant)) => {
  const turn = fakeTurn();
  await alertFilesCommand.run(turn, args, appDeps(mde), READER);
  expect(turn.events).toHaveLength(1);
  return { mde, card: turn.events[0]?.card, text: cardText(turn.events[0]?.card) };
};

describe('/alertfiles', () => {
  it('when given a known alert id, then one card shows the alert, its device and its files, most dangerous first', async () => {
    const { text, card, mde } = await run(ALERT_ID);
    expect(text).toContain("'EICAR\\_Test\\_File' malware was detected");
    expect(text).toContain('Device: workstation-07.verdict-demo.example');
    expect(text.indexOf('Malicious')).toBeLessThan(text.indexOf('Suspicious'));
    expect(text.indexOf('Suspicious')).toBeLessThan(text.indexOf('Clean'));
    expect(executeActions(card)[0]?.data).toEqual({ sha: FILES.malware.sha256 });
    expect(mde.calls.map((c) => c.method).sort()).toEqual(['getAlert', 'getAlertFiles', 'getAlertMachine']);
  });

  it('when given a Defender portal link, then the alert id is taken from it', async () => {
    const { mde } = await run(`https://security.microsoft.com/alerts/${ALERT_ID}?tid=x`);
    expect(mde.callsTo('getAlert')).toEqual([ALERT_ID]);
  });

  it('when MDE has no such alert, then the card says so and mentions retention', async () => {
    const { text } = await run('da000000000000000000_1');
    expect(text).toMatch(/^No alert with that id \(or it is outside MDE's retention period\)/);
  });

  it.each(['', '../../etc', 'da6374 da6375', 'x'])('when the id is %j, then the usage card answers and MDE is not called', async (args) => {
    const { text, mde } = await run(args);
    expect(text).toContain('/alertfiles \\<alert id\\>');
    expect(mde.calls).toEqual([]);
  });

  it('when the device lookup is forbidden, then the alert and files still show with a note', async () => {
    const mde = fakeMdeClient(tenant, { getAlertMachine: async () => Promise.reject(mdeError({ kind: 'forbidden', status: 403, operation: 'alerts.machine', permissions: ['Machine.Read.All'], target: 'c-9' })) });
    const { text } = await run(ALERT_ID, mde);
    expect(text).toMatch(/Couldn't load the alert's device: Verdict is missing a Defender permission\. The Verdict app registration lacks Machine\.Read\.All\. \(correlation id c-9\)/);
    expect(text).toContain('Files (3)');
  });

  it('when the alert lookup itself fails, then the answer is the MDE failure card', async () => {
    const mde = fakeMdeClient(tenant, { getAlert: async () => Promise.reject(mdeError({ kind: 'server', status: 503, operation: 'alerts.get', target: 'c-1' })) });
    const { text } = await run(ALERT_ID, mde);
    expect(text).toMatch(/^Defender had an internal error/);
    expect(text).toContain('c-1');
  });

  it('when the commands are listed, then /alertfiles is registered (so /help shows it)', () => {
    expect(defaultCommands().map((c) => c.name)).toEqual(['hash', 'alertfiles', 'devices', 'actions', 'indicators', 'audit', 'help']);
  });
});
