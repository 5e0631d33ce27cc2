import { whereDecided } from '../../src/app/containment/where-decided';
import type { ContainmentApp } from '../../src/app/deps';
import type { Turn } from '../../src/app/turn';

const turn = (type: string) => ({ conversation: { id: 'x', type } }) as unknown as Turn;
const app = (channel: boolean) => ({ auditChannel: () => channel }) as unknown as ContainmentApp;

describe('where a new request is decided, as told to the requester', () => {
  it('when asked in a personal chat and there is an audit channel, then approvers decide there', () => {
    expect(whereDecided(turn('personal'), app(true))).toMatch(/^Approvers decide it in the audit channel/);
  });
  it('when asked in a personal chat and there is no audit channel, then the requester learns nobody can decide it', () => {
    expect(whereDecided(turn('personal'), app(false))).toMatch(/nobody can decide it: cancel it and ask in a team channel/);
  });
  it('when asked in a channel, then the card is here, and in the audit channel when there is one', () => {
    expect(whereDecided(turn('channel'), app(false))).toBe('The approval card is posted in this conversation.');
    expect(whereDecided(turn('channel'), app(true))).toBe('The approval card is posted in this conversation, and approvers can also decide from the audit channel.');
  });
});
