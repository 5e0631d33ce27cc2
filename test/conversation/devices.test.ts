import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { syntheticMachineName, syntheticMachines } from '../../src/sandbox/synthetic-machines';
import { cardOf, cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { as, cardClick, message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const lastCardText = (replies: { attachments?: { contentType?: string; content?: unknown }[] }[]) => cardText(cardOf(replies[replies.length - 1]));

describe('/devices with names and ids', () => {
  it('when names and an id are pasted, then the set card lists each device with OS, health, exposure and isolation; unknown ones are named', async () => {
    const replies = await conv.send(message(`/devices laptop-12.verdict-demo.example, ${DEMO_MACHINES.buildServer.id}\nnobody.verdict-demo.example LAPTOP-12.verdict-demo.example`));
    const text = lastCardText(replies);
    expect(text).toContain('2 devices found in Defender');
    expect(text).toContain('From a pasted list of 4 entries.');
    expect(text).toMatch(/laptop-12\.verdict-demo\.example\nWindows 10\nInactive\nLow\nNot isolated/);
    expect(text).toMatch(/build-server-02\.verdict-demo\.example\nWindows Server 2022\nActive\nHigh\nNot isolated/);
    expect(text).toContain('Not found in Defender (1): nobody.verdict-demo.example');
    expect(text).toContain('Duplicates dropped (1): LAPTOP-12.verdict-demo.example');
  });

  it('when a device was isolated, then the card says so (from its newest Isolate action)', async () => {
    const api = conv.built.mde.devices;
    await api.isolate(DEMO_MACHINES.workstation.id, 'conversation test', 'Full');
    const text = lastCardText(await conv.send(message('/devices workstation-07.verdict-demo.example')));
    expect(text).toMatch(/workstation-07\.verdict-demo\.example\n.*\n.*\n.*\nIsolation pending/);
  });

  it('when 30 devices are given, then 20 rows show with "and 10 more", and Show all lists every one', async () => {
    const names = Array.from({ length: 30 }, (_, i) => syntheticMachineName(i + 1)).join(' ');
    const replies = await conv.send(message(`/devices ${names}`));
    const card = cardOf(replies[replies.length - 1]);
    expect(cardText(card)).toContain('and 10 more');
    const [showAll] = executeActions(card);
    expect(showAll?.title).toBe('Show all 30 devices');
    const listed = await conv.send(cardClick(showAll?.verb ?? '', showAll?.data ?? {}));
    const all = listed.map((r) => cardText(cardOf(r))).join('\n');
    expect(all).toContain('All 30 devices');
    expect(all).toContain(syntheticMachines()[29]?.id);
  });

  it('when a pasted CSV has a Name column and a bad row, then its devices come back and the bad row is named by line', async () => {
    const text = lastCardText(await conv.send(message('/devices Name,Owner\nlaptop-12.verdict-demo.example,"Doe, Jane"\n???,x')));
    expect(text).toContain('1 device found in Defender');
    expect(text).toContain('From a pasted CSV (2 rows, column Name).');
    expect(text).toContain("Rows not used (1): line 3: '???' is neither a device id nor a computer name");
  });

  it('when a CSV has no Name or DeviceId column, then the card says which columns it has', async () => {
    expect(lastCardText(await conv.send(message('/devices Host,Owner\nws-1,me')))).toContain('The CSV has no device column');
  });

  it('when more than 1,000 devices are pasted, then they are refused with the count and how to narrow', async () => {
    const text = lastCardText(await conv.send(message(`/devices ${Array.from({ length: 1001 }, (_, i) => `ws-${i}`).join(',')}`)));
    expect(text).toContain('Too many devices: 1,001');
    expect(text).toContain('Split the list into parts of at most 1,000 devices');
  });

  it('when nothing is given, then the usage names the three ways', async () => {
    expect(lastCardText(await conv.send(message('/devices')))).toContain('/devices query \\<KQL\\>');
  });
});

describe('/devices with a long list', () => {
  /** The cards the bot sent as new messages (before any update), as text. */
  async function sentCards(send: () => Promise<unknown>): Promise<string[]> {
    const sent: string[] = [];
    const original = conv.adapter.sendActivities.bind(conv.adapter);
    conv.adapter.sendActivities = (context, activities) => {
      for (const a of activities) if (a.attachments?.length) sent.push(cardText(cardOf(a)));
      return original(context, activities);
    };
    try {
      await send();
    } finally {
      conv.adapter.sendActivities = original;
    }
    return sent;
  }

  it('when 40 names are pasted, then "Looking up 40 devices…" comes first and becomes the set card in place', async () => {
    const names = [...Array.from({ length: 38 }, (_, i) => syntheticMachineName(i + 101)), 'nobody-1.verdict-demo.example', 'nobody-2.verdict-demo.example'];
    let replies: Awaited<ReturnType<Conversation['send']>> = [];
    const sent = await sentCards(async () => (replies = await conv.send(message(`/devices ${names.join('\n')}`))));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Looking up 40 devices…');
    expect(replies.filter((r) => r.type === 'message')).toHaveLength(1);
    expect(conv.updates.at(-1)?.id).toBe(replies.find((r) => r.type === 'message')?.id);
    const text = lastCardText(replies);
    expect(text).toContain('38 devices found in Defender');
    expect(text).toContain('Not found in Defender (2): nobody-1.verdict-demo.example, nobody-2.verdict-demo.example');
  });

  it('when hunting is refused, then every name is looked up one by one and the card says why', async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403 });
    conv.built.sandbox?.faults.inject({ family: 'hunting', type: 'status', status: 403 });
    const names = Array.from({ length: 25 }, (_, i) => syntheticMachineName(i + 201));
    const text = lastCardText(await conv.send(message(`/devices ${names.join(' ')}`)));
    expect(text).toContain('25 devices found in Defender');
    expect(text).toContain('Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All); looked the devices up one by one.');
  });

  it('when a reader pastes a long list, then Verdict’s own query resolves it (no responder role needed)', async () => {
    const names = Array.from({ length: 25 }, (_, i) => syntheticMachineName(i + 301));
    const hunts = () => conv.built.sandbox?.stats().byFamily['graph-hunting'] ?? 0;
    const before = hunts();
    const text = lastCardText(await conv.send(as(DEMO_USERS.lee, message(`/devices ${names.join(' ')}`))));
    expect(text).toContain('25 devices found in Defender');
    expect(text).not.toContain('Advanced hunting');
    expect(hunts() - before).toBe(1);
  });
});

describe('/devices query', () => {
  it('when a responder runs a query without DeviceId, then the suffix is added, said, and the query journaled', async () => {
    const replies = await conv.send(message('/devices query DeviceInfo | where OSPlatform == "Linux" and DeviceName startswith "fleet-000"'));
    const text = lastCardText(replies);
    expect(text).toMatch(/\d+ devices? found in Defender/);
    expect(text).toContain('so "\\| distinct DeviceName, DeviceId" was added');
    // While the query runs, the first message says so (it is not a hash lookup).
    const first = cardText(cardOf(replies.find((r) => r.type === 'message')));
    expect(first).toContain('Finding the devices…');
    expect(first).not.toMatch(/hash/i);
    const entries = await conv.built.journal.read({ since: 0, limit: 1000 });
    expect(entries.some((e) => e.type === 'command.run' && e.data.command === '/devices query' && String(e.data.query).includes('OSPlatform'))).toBe(true);
  });

  it('when the query is wrong, then Defender’s error text is shown, escaped', async () => {
    const text = lastCardText(await conv.send(message('/devices query DeviceInfo | where X_<b> == "1"')));
    expect(text).toContain('Defender could not run the query');
    expect(text).toContain('X\\_\\<b\\>');
  });

  it('when the query finds nothing, then the card says so', async () => {
    expect(lastCardText(await conv.send(message('/devices query DeviceInfo | where DeviceName == "nobody" | project DeviceId, DeviceName')))).toContain('The query found no devices');
  });

  it('when every device with a file is asked for, then the devices that have it come back', async () => {
    const text = lastCardText(await conv.send(message(`/devices query DeviceFileEvents | where SHA1 == "${DEMO_FILES.pua.sha1}" | distinct DeviceName, DeviceId`)));
    expect(text).toContain('2 devices found in Defender');
  });

  it('when a reader runs a query, then it is refused and nothing is journaled', async () => {
    const before = conv.built.journal.head().seq;
    const text = lastCardText(await conv.send(as(DEMO_USERS.lee, message('/devices query DeviceInfo'))));
    expect(text).toContain('Only responders may run hunting queries');
    expect(conv.built.journal.head().seq).toBe(before);
  });

  it('when the app lacks ThreatHunting.Read.All, then the card names it', async () => {
    // Graph refuses, and so does the MDE endpoint the `auto` choice falls back to: Graph's permission is named.
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403 });
    conv.built.sandbox?.faults.inject({ family: 'hunting', type: 'status', status: 403 });
    const text = lastCardText(await conv.send(message('/devices query DeviceInfo | take 1')));
    expect(text).toContain('ThreatHunting.Read.All');
  });
});
