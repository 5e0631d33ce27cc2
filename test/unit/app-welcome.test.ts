import { createWelcome } from '../../src/app/welcome';
import { defaultCommands } from '../../src/app/commands';
import { appDeps, everyoneIs } from '../support/app-deps';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { cardText } from '../support/card-text';

/* The welcome is posted once per install, though Teams announces an install with two events. */
const MINUTE = 60_000;

function setup() {
  let now = 0;
  const deps = appDeps(fakeMdeClient(), { roles: everyoneIs('responder'), now: () => now });
  const welcome = createWelcome(deps, () => defaultCommands());
  const install = async (conversationId: string) => {
    const turn = fakeTurn();
    turn.conversation = { id: conversationId, type: 'personal' };
    await welcome(turn);
    return turn.events.length;
  };
  return { install, advance: (ms: number) => (now += ms) };
}

describe('welcome', () => {
  it('when both install events of one conversation arrive together, then one welcome is posted', async () => {
    const { install } = setup();
    expect(await Promise.all([install('a:one'), install('a:one')])).toEqual(expect.arrayContaining([1, 0]));
  });

  it('when Verdict is installed again after ten minutes, then it welcomes again; another conversation is welcomed at once', async () => {
    const { install, advance } = setup();
    expect(await install('a:one')).toBe(1);
    advance(9 * MINUTE);
    expect(await install('a:one')).toBe(0);
    expect(await install('a:two')).toBe(1);
    advance(MINUTE);
    expect(await install('a:one')).toBe(1);
  });

  it('when a conversation id is a built-in property name, then it is remembered like any other id', async () => {
    const { install } = setup();
    for (const id of ['constructor', '__proto__', 'toString']) {
      expect(await install(id)).toBe(1);
      expect(await install(id)).toBe(0);
    }
  });

  it('when the welcome is posted, then it names the roles and lists only the commands they allow', async () => {
    const deps = appDeps(fakeMdeClient(), { roles: everyoneIs('reader') });
    const turn = fakeTurn();
    await createWelcome(deps, () => defaultCommands())(turn);
    const text = cardText(turn.events[0]?.card);
    expect(text).toMatch(/Your Verdict roles: reader/);
    expect(text).toMatch(/\/hash/);
    expect(text).not.toMatch(/\/audit/);
  });
});
