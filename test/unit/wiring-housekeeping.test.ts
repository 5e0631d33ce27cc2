import pino from 'pino';
import { startContainmentHousekeeping } from '../../src/wiring/housekeeping';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('containment housekeeping', () => {
  it('when started, then requests left executing are reconciled and overdue ones expired, at once and on every interval', async () => {
    const calls: string[] = [];
    const service = { recoverInFlight: async () => (calls.push('recover'), []), expireDue: async () => (calls.push('expire'), []) };
    const housekeeping = startContainmentHousekeeping(service, pino({ level: 'silent' }), 20);
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
    const housekeeping = startContainmentHousekeeping(service, pino({ level: 'silent' }), 15);
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
    const housekeeping = startContainmentHousekeeping({ recoverInFlight: slow, expireDue: async () => [] }, pino({ level: 'silent' }), 5);
    await new Promise((r) => setTimeout(r, 120));
    await housekeeping.stop();
    expect(most).toBe(1);
  });
});
