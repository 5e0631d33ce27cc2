import { deviceSetCard, DEVICE_ROWS, osInWords } from '../../src/cards/device-set-card';
import { deviceListCards } from '../../src/cards/device-list-card';
import { CARD_MAX_BYTES } from '../../src/cards/card-size';
import { cardText } from '../support/card-text';
import { deviceId as id, deviceSetOf as set } from '../support/card-samples';

describe('device set card', () => {
  it('when the set has 25 devices, then 20 rows show and "and 5 more" says where the rest are', () => {
    const card = deviceSetCard({ set: set(25), actions: [] });
    const text = cardText(card);
    expect(text).toContain('25 devices found in Defender');
    expect(text).toContain('ws-20');
    expect(text).not.toContain('ws-21');
    expect(text).toContain('and 5 more');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('when names, unknown entries and a query come from outside, then they are escaped and bounded', () => {
    const hostile = '**bold** [link](https://evil.example) <at>all</at>';
    const card = deviceSetCard({ set: set(1, { source: { kind: 'query', query: `DeviceInfo | where x == "${hostile}"`, appended: false }, unknown: [hostile, ...Array.from({ length: 30 }, (_, i) => `u${i}`)], devices: [{ id: id(1), name: hostile }] }), actions: [] });
    const text = cardText(card);
    expect(text).not.toContain('**bold**');
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('Not found in Defender (31):');
    expect(text).toContain('and 11 more');
  });

  it('when the set is empty, then the card says no devices were found and shows no table', () => {
    const text = cardText(deviceSetCard({ set: set(0, { unknown: ['nobody'] }), actions: [] }));
    expect(text).toContain('No devices found in Defender');
    expect(text).toContain('Not found in Defender (1): nobody');
  });

  it('when 1,000 devices with the longest names are listed in full, then every one is on a card and each card fits Teams', () => {
    const long = set(1000).devices.map((d) => ({ ...d, name: `${'n'.repeat(110)}-${d.name}` }));
    const pages = deviceListCards(long);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(CARD_MAX_BYTES);
    const all = pages.map(cardText).join('\n');
    for (const d of long) expect(all).toContain(d.id);
    expect(cardText(pages[pages.length - 1])).toMatch(/Devices [\d,]+–1,000 of 1,000/);
    expect(DEVICE_ROWS).toBe(20);
  });

  it('writes Defender\'s run-together values as words, so a narrow column wraps between words, never inside one', () => {
    expect(['Windows11', 'WindowsServer2022', 'Windows10', 'Linux', 'macOS', 'iOS'].map(osInWords)).toEqual(['Windows 11', 'Windows Server 2022', 'Windows 10', 'Linux', 'macOS', 'iOS']);
    const card = deviceSetCard({ set: set(1, { devices: [{ id: id(1), name: 'ws-1', os: 'WindowsServer2022', health: 'NoSensorDataImpairedCommunication', exposure: 'Medium', isolation: 'not-isolated' }] }), actions: [] });
    const text = cardText(card);
    expect(text).toContain('Windows Server 2022');
    expect(text).toContain('No sensor data, impaired communication');
    expect(text).not.toMatch(/WindowsServer|NoSensorData/);
  });
});
