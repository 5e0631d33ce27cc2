import { MDE_AUDIENCE, GRAPH_AUDIENCE } from '../../src/sandbox/entra/resources';
import { startManagedIdentityBot } from '../support/managed-identity-bot';

/*
 * The App Service shape (IDENTITY_ENDPOINT + IDENTITY_HEADER, as App Service and Container Apps set
 * them), with the system-assigned identity (no MDE_CLIENT_ID). msal-node's real
 * ManagedIdentityApplication; its endpoint choice is process-wide, hence a file of its own.
 */
jest.setTimeout(30_000);

let bot: Awaited<ReturnType<typeof startManagedIdentityBot>>;
beforeAll(async () => {
  bot = await startManagedIdentityBot((sandbox) => ({
    IDENTITY_ENDPOINT: sandbox.managedIdentity.identityEndpoint,
    IDENTITY_HEADER: sandbox.managedIdentity.identityHeader,
  }));
});
afterAll(() => bot?.stop());

describe('managed identity (App Service) for MDE and Graph', () => {
  it('when a reader asks /hash, then Graph resolves the role and MDE answers with system-assigned identity tokens', async () => {
    const answer = await bot.hashTurn();
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/Malicious/);
    const issued = bot.sandbox.managedIdentity.tokensIssued();
    expect(issued[MDE_AUDIENCE]).toBeGreaterThanOrEqual(1);
    expect(issued[GRAPH_AUDIENCE]).toBeGreaterThanOrEqual(1);
    expect(bot.sandbox.stats().tokensIssued).toBe(0);
  });
});
