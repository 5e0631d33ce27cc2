import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { FILE_DOWNLOAD_INFO } from '../../src/teams/file-attachment';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';
import { startFileServer, type FileServer } from '../support/file-server';

let conv: Conversation;
let files: FileServer;
beforeAll(async () => {
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
  files = await startFileServer();
});
afterAll(async () => {
  await conv.stop();
  await files.stop();
});

/** A message carrying a file the way Teams sends one to a bot with supportsFiles, in personal chat. */
const withFile = (name: string, downloadUrl: string, overrides: { text?: string; fileType?: string; conversationType?: string } = {}) =>
  message(overrides.text ?? '', {
    attachments: [{ contentType: FILE_DOWNLOAD_INFO, name, content: { downloadUrl, uniqueId: 'file-1', fileType: overrides.fileType ?? name.split('.').pop() } }],
    ...(overrides.conversationType ? { conversation: { id: '19:group', conversationType: overrides.conversationType, isGroup: true, name: '' } } : {}),
  });

const answer = async (activity: ReturnType<typeof withFile>) => {
  const replies = await conv.send(activity);
  return cardText(cardOf(replies[replies.length - 1]));
};

describe('a device CSV sent as a file in personal chat', () => {
  it('when a CSV file with a BOM, a Name column and a bad row is sent, then the set card shows its devices and names the bad row by line', async () => {
    files.file('/hosts.csv', Buffer.from(`\ufeffName,Owner\r\nlaptop-12.verdict-demo.example,Alex\r\n???,x\r\n${DEMO_MACHINES.buildServer.computerDnsName},Megan\r\n`));
    const text = await answer(withFile('hosts.csv', `${files.url}/hosts.csv?tempauth=token`));
    expect(text).toContain('2 devices found in Defender');
    expect(text).toContain('From the CSV file hosts.csv (3 rows, column Name).');
    expect(text).toContain("Rows not used (1): line 3: '???' is neither a device id nor a computer name");
  });

  it('when the file is sent with /devices typed, then it is read the same way', async () => {
    files.file('/ids.csv', `DeviceId\n${DEMO_MACHINES.buildServer.id}\n`);
    expect(await answer(withFile('ids.csv', `${files.url}/ids.csv`, { text: '/devices' }))).toContain('1 device found in Defender');
  });

  it('when the CSV has no device column, then the usual card says which columns it has', async () => {
    files.file('/nocol.csv', 'Host,Owner\nws-1,me\n');
    expect(await answer(withFile('nocol.csv', `${files.url}/nocol.csv`))).toContain('The CSV has no device column');
  });

  it('when the file is not a CSV, then it is not downloaded and the card says Verdict reads CSV files', async () => {
    files.file('/hosts.xlsx', 'PK');
    const text = await answer(withFile('hosts.xlsx', `${files.url}/hosts.xlsx`));
    expect(text).toContain('hosts.xlsx is not a CSV file');
    expect(files.requested).not.toContain('/hosts.xlsx');
  });

  it('when the file comes in a group chat, then it is not downloaded and the card says to use personal chat', async () => {
    files.file('/group.csv', 'Name\nlaptop-12.verdict-demo.example\n');
    const text = await answer(withFile('group.csv', `${files.url}/group.csv`, { conversationType: 'groupChat' }));
    expect(text).toContain('Send CSV files in your personal chat with Verdict');
    expect(files.requested).not.toContain('/group.csv');
  });

  it('when the file is over 1 MB, then the card says it is too big', async () => {
    files.file('/huge.csv', `Name\n${'laptop-12.verdict-demo.example\n'.repeat(40_000)}`);
    expect(await answer(withFile('huge.csv', `${files.url}/huge.csv`))).toContain('huge.csv is too big');
  });

  it('when the download fails, then the card says so (no internal error) and shows no part of the link', async () => {
    const text = await answer(withFile('gone.csv', `${files.url}/gone.csv?tempauth=SECRET-TOKEN`));
    expect(text).toContain('Verdict could not download gone.csv');
    expect(text).not.toContain('SECRET-TOKEN');
    expect(text).not.toContain('correlation');
  });

  it('when the link points elsewhere than a file host, then nothing is fetched and the card says why', async () => {
    expect(await answer(withFile('far.csv', 'http://10.0.0.1:8080/far.csv'))).toContain('Verdict did not download far.csv');
  });

  it('when the attachment is malformed (no link), then the card says the file could not be read', async () => {
    const activity = message('', { attachments: [{ contentType: FILE_DOWNLOAD_INFO, name: 'constructor', content: { fileType: 'csv' } }] });
    expect(await answer(activity)).toContain('Verdict could not read the attached file');
  });
});
