import { FILE_DOWNLOAD_INFO, sentFileOf } from '../../src/teams/file-attachment';
import { fileUrlPolicy } from '../../src/teams/file-download';

const teams = fileUrlPolicy(false);
const local = fileUrlPolicy(true);

describe('fileUrlPolicy: which download links Verdict fetches', () => {
  it.each([
    ['a OneDrive link', 'https://contoso-my.sharepoint.com/personal/alex/_layouts/15/download.aspx?UniqueId=1&tempauth=abc', true],
    ['a SharePoint link in upper case', 'https://CONTOSO.SHAREPOINT.COM/sites/soc/file.csv', true],
    ['GCC High', 'https://contoso-my.sharepoint.us/x.csv', true],
    ['DoD', 'https://contoso-my.sharepoint-mil.us/x.csv', true],
    ['21Vianet', 'https://contoso-my.sharepoint.cn/x.csv', true],
    ['http on a file host', 'http://contoso-my.sharepoint.com/x.csv', false],
    ['another host', 'https://evil.example/x.csv', false],
    ['a look-alike suffix', 'https://evilsharepoint.com/x.csv', false],
    ['the bare suffix', 'https://sharepoint.com/x.csv', false],
    ['the host as a subdomain of another', 'https://contoso.sharepoint.com.evil.example/x.csv', false],
    ['userinfo before another host', 'https://contoso.sharepoint.com@evil.example/x.csv', false],
    ['userinfo before a file host', 'https://user:pw@contoso.sharepoint.com/x.csv', false],
    ['a backslash trick', 'https://evil.example\\@contoso.sharepoint.com/x.csv', false],
    ['an IPv4 literal', 'https://10.0.0.1/x.csv', false],
    ['an IPv6 literal', 'https://[fe80::1]/x.csv', false],
    ['a decimal IP', 'https://2130706433/x.csv', false],
    ['a non-default port', 'https://contoso.sharepoint.com:8443/x.csv', false],
    ['loopback with an app id', 'http://127.0.0.1:9999/x.csv', false],
    ['localhost with an app id', 'https://localhost/x.csv', false],
    ['a file: URL', 'file:///etc/passwd', false],
    ['a data: URL', 'data:text/csv,Name%0Aws-1', false],
    ['not a URL', 'contoso.sharepoint.com/x.csv', false],
  ])('when the link is %s, then with an app id it is %s', (_label, url, expected) => {
    expect(teams(url)).toBe(expected);
  });

  it.each([
    ['http loopback', 'http://127.0.0.1:9999/x.csv', true],
    ['localhost', 'http://localhost:9999/x.csv', true],
    ['IPv6 loopback', 'http://[::1]:9999/x.csv', true],
    ['a private address', 'http://10.0.0.1:9999/x.csv', false],
    ['userinfo on loopback', 'http://a@127.0.0.1:9999/x.csv', false],
    ['ftp on loopback', 'ftp://127.0.0.1/x.csv', false],
  ])('when the link is %s and Verdict runs without an app id, then it is %s', (_label, url, expected) => {
    expect(local(url)).toBe(expected);
  });
});

const attachment = (over: Record<string, unknown> = {}, content: Record<string, unknown> = {}) => ({
  contentType: FILE_DOWNLOAD_INFO,
  name: 'devices.csv',
  content: { downloadUrl: 'https://contoso-my.sharepoint.com/x?tempauth=t', uniqueId: 'u-1', fileType: 'csv', ...content },
  ...over,
});

describe('sentFileOf: the file.download.info attachment', () => {
  it('when a CSV is attached, then its name, link and CSV-ness come back', () => {
    expect(sentFileOf([attachment()])).toEqual({ ok: true, name: 'devices.csv', downloadUrl: 'https://contoso-my.sharepoint.com/x?tempauth=t', csv: true });
  });

  it.each([
    ['named .CSV without a type', attachment({ name: 'HOSTS.CSV' }, { fileType: undefined }), true],
    ['of type csv with another name', attachment({ name: 'export' }, { fileType: 'CSV' }), true],
    ['a spreadsheet', attachment({ name: 'hosts.xlsx' }, { fileType: 'xlsx' }), false],
    ['named constructor', attachment({ name: 'constructor' }, { fileType: 'constructor' }), false],
    ['named __proto__.csv', attachment({ name: '__proto__.csv' }), true],
  ])('when the file is %s, then csv is %s', (_label, a, csv) => {
    const file = sentFileOf([a]);
    expect(file?.ok && file.csv).toBe(csv);
  });

  it.each([
    ['no download link', attachment({}, { downloadUrl: undefined })],
    ['a link that is a number', attachment({}, { downloadUrl: 42 })],
    ['no name', attachment({ name: undefined })],
    ['a blank name', attachment({ name: '   ' })],
    ['no content', attachment({ content: null })],
    ['a link of 5,000 characters', attachment({}, { downloadUrl: `https://a.sharepoint.com/${'x'.repeat(5000)}` })],
  ])('when the attachment has %s, then it is unreadable', (_label, a) => {
    expect(sentFileOf([a])).toEqual({ ok: false });
  });

  it('when there is no file attachment (a card, none, not a list), then there is no file', () => {
    expect(sentFileOf([{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }])).toBeNull();
    expect(sentFileOf(undefined)).toBeNull();
    expect(sentFileOf({ contentType: FILE_DOWNLOAD_INFO })).toBeNull();
  });
});
