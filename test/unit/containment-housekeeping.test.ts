import pino from 'pino';
import { startActionFollower, startContainmentHousekeeping } from '../../src/containment/housekeeping';
import type { ContainmentRequest } from '../../src/containment/model';

const req = (id: string) => ({ id }) as unknown as ContainmentRequest;

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('containment housekeeping', () => {
  it('when started, then requests left executing are reconciled and overdue ones expired, at once and on every interval', async () => {
    const calls: string[] = [];
    const service = { recoverInFlight: async () => (calls.push('recover'), []), expireDue: async () => (calls.push('expire'), []) };
    const housekeeping = startContainmentHousekeeping(service, pino({ level: 'silent' }), { intervalMs: 20 });
    await tick();
    expect(calls.slice(0, 2)).toEqual(['recover', 'expire']);
    await new Promise((r) => setTimeout(r, 70));
    await housekeeping.stop();
    const runs = calls.filter((c) => c === 'recover').length;
    expect(runs).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c === 'recover')).toHaveLength(runs);
  });

  it('when a run fails, then it is logged and the next run still happens', async () => {
    let attempts = 0;
    const service = {
      recoverInFlight: async () => {
        attempts++;
        if (attempts === 1) throw new Error('storage down');
        return [];
      },
      expireDue: async () => [],
    };
    const housekeeping = startContainmentHousekeeping(service, pino({ level: 'silent' }), { intervalMs: 15 });
    await new Promise((r) => setTimeout(r, 60));
    await housekeeping.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('when a run is slow, then runs never overlap', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 40));
      inFlight--;
      return [];
    };
    const housekeeping = startContainmentHousekeeping({ recoverInFlight: slow, expireDue: async () => [] }, pino({ level: 'silent' }), { intervalMs: 5 });
    await new Promise((r) => setTimeout(r, 120));
    await housekeeping.stop();
    expect(most).toBe(1);
  });

  it('when requests are recovered or expired, then each of their cards is redrawn', async () => {
    const redrawn: string[] = [];
    const service = { recoverInFlight: async () => [{ id: 'r1', action: 'reconciled' as const, request: req('r1') }, { id: 'r2', action: 'corrupt' as const }], expireDue: async () => [req('e1')] };
    const housekeeping = startContainmentHousekeeping(service, pino({ level: 'silent' }), { intervalMs: 1000, redraw: async (r) => void redrawn.push(r.id) });
    await tick();
    await housekeeping.stop();
    expect(redrawn).toEqual(['r1', 'e1']);
  });
});

describe('isolation status follower', () => {
  it('when followed actions change, then each changed card is redrawn, on every interval, never overlapping', async () => {
    const redrawn: string[] = [];
    let calls = 0;
    const service = {
      followActions: async () => {
        calls++;
        return calls === 2 ? [{ id: 'i1', change: 'final' as const, request: req('i1') }] : [];
      },
    };
    const follower = startActionFollower(service, pino({ level: 'silent' }), { intervalMs: 10, redraw: async (r) => void redrawn.push(r.id) });
    await new Promise((r) => setTimeout(r, 60));
    await follower.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(redrawn).toEqual(['i1']);
  });
});
