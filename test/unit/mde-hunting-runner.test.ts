import { MdeError } from '../../src/mde/errors';
import { createHuntingRunner, MDE_HUNTING_RETIRED_AT } from '../../src/mde/hunting-runner';
import type { HuntingApi, HuntingRunner } from '../../src/mde/hunting-transport';

/** Which hunting API answers a query, per HUNTING_API, the clock and what each API says. */
const BEFORE = Date.parse('2026-12-02T10:00:00Z');
const AFTER = MDE_HUNTING_RETIRED_AT;

type Script = (() => unknown)[];
function api(name: string, script: Script, log: string[]): HuntingRunner {
  return async () => {
    log.push(name);
    const next = script.shift();
    if (!next) throw new Error(`${name}: unexpected call`);
    return next() as Record<string, unknown>[];
  };
}
const rows = (from: string) => () => [{ from }];
const refuse = (operation: string, status: number, kind: MdeError['kind']) => () => {
  throw new MdeError({ kind, status, operation });
};

function setup(mode: HuntingApi, graph: Script | undefined, mde: Script, now = BEFORE) {
  const log: string[] = [];
  const run = createHuntingRunner({ api: mode, graph: graph && api('graph', graph, log), mde: api('mde', mde, log), now: () => now });
  return { run, log };
}

describe('choosing the hunting API', () => {
  it('when HUNTING_API is auto and Graph answers, then only Graph is asked', async () => {
    const { run, log } = setup('auto', [rows('graph')], []);
    await expect(run('q')).resolves.toEqual([{ from: 'graph' }]);
    expect(log).toEqual(['graph']);
  });

  it('when auto and Graph refuses for want of permission before the retirement, then the MDE endpoint answers', async () => {
    const { run, log } = setup('auto', [refuse('hunting.graph', 403, 'forbidden')], [rows('mde')]);
    await expect(run('q')).resolves.toEqual([{ from: 'mde' }]);
    expect(log).toEqual(['graph', 'mde']);
  });

  it('when auto and the MDE endpoint answers 404 once, then the Graph refusal is thrown and the endpoint is never asked again', async () => {
    const { run, log } = setup('auto', [refuse('hunting.graph', 403, 'forbidden'), refuse('hunting.graph', 403, 'forbidden')], [refuse('hunting.run', 404, 'not-found')]);
    await expect(run('q')).rejects.toMatchObject({ operation: 'hunting.graph', kind: 'forbidden' });
    await expect(run('q')).rejects.toMatchObject({ operation: 'hunting.graph', kind: 'forbidden' });
    expect(log).toEqual(['graph', 'mde', 'graph']);
  });

  it('when auto and Graph is throttled (not refused), then the MDE endpoint is not asked', async () => {
    const { run, log } = setup('auto', [refuse('hunting.graph', 429, 'throttled')], [rows('mde')]);
    await expect(run('q')).rejects.toMatchObject({ kind: 'throttled' });
    expect(log).toEqual(['graph']);
  });

  it('when auto, Graph refuses and the clock is at 2027-01-31, then the MDE endpoint is never asked', async () => {
    const { run, log } = setup('auto', [refuse('hunting.graph', 403, 'forbidden')], [rows('mde')], AFTER);
    await expect(run('q')).rejects.toMatchObject({ operation: 'hunting.graph', kind: 'forbidden' });
    expect(log).toEqual(['graph']);
  });

  it('when HUNTING_API is graph and Graph refuses, then the MDE endpoint is not asked', async () => {
    const { run, log } = setup('graph', [refuse('hunting.graph', 403, 'forbidden')], [rows('mde')]);
    await expect(run('q')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(log).toEqual(['graph']);
  });

  it('when HUNTING_API is mde before the retirement, then only the MDE endpoint is asked', async () => {
    const { run, log } = setup('mde', [rows('graph')], [rows('mde')]);
    await expect(run('q')).resolves.toEqual([{ from: 'mde' }]);
    expect(log).toEqual(['mde']);
  });

  it('when HUNTING_API is mde after the retirement date, then Graph answers and the MDE endpoint is not asked', async () => {
    const { run, log } = setup('mde', [rows('graph')], [rows('mde')], AFTER);
    await expect(run('q')).resolves.toEqual([{ from: 'graph' }]);
    expect(log).toEqual(['graph']);
  });

  it('when HUNTING_API is mde and the endpoint answers 410, then Graph answers this query and the next', async () => {
    const { run, log } = setup('mde', [rows('graph'), rows('graph')], [refuse('hunting.run', 410, 'bad-request')]);
    await expect(run('q')).resolves.toEqual([{ from: 'graph' }]);
    await expect(run('q')).resolves.toEqual([{ from: 'graph' }]);
    expect(log).toEqual(['mde', 'graph', 'graph']);
  });

  it('when no Graph access is wired and the endpoint is retired, then hunting is refused naming ThreatHunting.Read.All without any call', async () => {
    const { run, log } = setup('auto', undefined, [rows('mde')], AFTER);
    await expect(run('q')).rejects.toMatchObject({ kind: 'forbidden', permissions: ['ThreatHunting.Read.All'] });
    expect(log).toEqual([]);
  });
});
