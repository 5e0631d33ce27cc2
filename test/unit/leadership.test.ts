import { soleLeader, whileLeader, type Leadership } from '../../src/util/leadership';

/** A leadership the test hands out and takes away. */
function switchable(): Leadership & { set(leader: boolean): void } {
  let leader = false;
  const listeners = new Set<(l: boolean) => void>();
  return {
    isLeader: () => leader,
    onChange(l) {
      listeners.add(l);
      l(leader);
      return () => void listeners.delete(l);
    },
    stop: async () => undefined,
    set(value) {
      leader = value;
      for (const l of listeners) l(value);
    },
  };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('whileLeader', () => {
  it('when leadership comes and goes, then the work runs only while it is held, started and stopped once each time', async () => {
    const lead = switchable();
    const log: string[] = [];
    const run = whileLeader(lead, () => (log.push('start'), { stop: async () => void log.push('stop') }));
    await settle();
    expect(log).toEqual([]);
    lead.set(true);
    lead.set(true);
    await settle();
    expect(log).toEqual(['start']);
    lead.set(false);
    await settle();
    expect(log).toEqual(['start', 'stop']);
    lead.set(true);
    await settle();
    await run.stop();
    expect(log).toEqual(['start', 'stop', 'start', 'stop']);
    lead.set(true);
    await settle();
    expect(log).toHaveLength(4);
  });

  it('when the instance is alone, then it leads from the start', async () => {
    const log: string[] = [];
    const run = whileLeader(soleLeader(), () => (log.push('start'), { stop: async () => void log.push('stop') }));
    await settle();
    await run.stop();
    expect(log).toEqual(['start', 'stop']);
  });
});
