import { createFaultQueue } from '../../src/sandbox/fault-queue';
import type { Fault } from '../../src/sandbox/types';

const families = ['files', 'alerts', 'token'];

describe('fault queue', () => {
  it('when faults are injected, then they are consumed in injection order', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'status', status: 503 });
    queue.inject({ type: 'malformed' });
    expect(queue.take('files')?.type).toBe('status');
    expect(queue.take('files')?.type).toBe('malformed');
    expect(queue.take('files')).toBeUndefined();
  });

  it('when a fault has times 2, then it applies to two requests and then disappears', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'latency', ms: 10, times: 2 });
    expect(queue.take('files')).toMatchObject({ type: 'latency', ms: 10 });
    expect(queue.pending()).toEqual([{ type: 'latency', ms: 10, times: 1 }]);
    expect(queue.take('alerts')).toMatchObject({ type: 'latency' });
    expect(queue.take('files')).toBeUndefined();
  });

  it('when a fault names a method, then requests with another method pass it by, and one with it takes it', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'status', status: 403, family: 'files', method: 'POST' });
    expect(queue.take('files', 'GET')).toBeUndefined();
    expect(queue.take('files')).toBeUndefined();
    expect(queue.take('files', 'post')).toMatchObject({ type: 'status', status: 403 });
    expect(queue.take('files', 'POST')).toBeUndefined();
  });

  it('when a fault names a family, then requests of other families pass it by', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'status', status: 500, family: 'alerts' });
    queue.inject({ type: 'malformed', family: 'files' });
    expect(queue.take('files')?.type).toBe('malformed');
    expect(queue.take('alerts')?.type).toBe('status');
  });

  it('when a fault names no family, then it hits MDE API families but never the token endpoint', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'timeout' });
    expect(queue.take('token')).toBeUndefined();
    expect(queue.take('files')?.type).toBe('timeout');
  });

  it('when cleared, then nothing is pending and the count of removed faults is returned', () => {
    const queue = createFaultQueue(families);
    queue.inject({ type: 'timeout' });
    queue.inject({ type: 'timeout', family: 'token' });
    expect(queue.clear()).toBe(2);
    expect(queue.pending()).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['an unknown family', { type: 'timeout', family: 'flies' }],
    ['an unknown type', { type: 'explode' }],
    ['a status outside 400-599', { type: 'status', status: 200 }],
    ['a misspelt key', { type: 'timeout', tmies: 2 }],
    ['zero times', { type: 'malformed', times: 0 }],
    ['a negative latency', { type: 'latency', ms: -5 }],
  ])('when the fault has %s, then inject throws and queues nothing', (_label, fault) => {
    const queue = createFaultQueue(families);
    expect(() => queue.inject(fault as Fault)).toThrow(/Invalid sandbox fault/);
    expect(queue.pending()).toEqual([]);
  });
});
