import { MDE_AUDIENCE, GRAPH_AUDIENCE } from '../../src/sandbox/entra/resources';
import { startManagedIdentityBot } from '../support/managed-identity-bot';

/*
 * The IMDS shape (a VM, a scale set, AKS pod identity): msal-node's real ManagedIdentityApplication
 * finds the sandbox's stand-in through AZURE_POD_IDENTITY_AUTHORITY_HOST. msal keeps its endpoint
 * choice for the whole process, so the App Service shape has its own file.
 */
jest.setTimeout(30_000);

let bot: Awaited<ReturnType<typeof startManagedIdentityBot>>;
beforeAll(async () => {
  bot = await startManagedIdentityBot((sandbox) => ({ AZURE_POD_IDENTITY_AUTHORITY_HOST: sandbox.managedIdentity.imdsHost }), '5d3c9e21-4b7a-4f06-9c18-2e6a0b8d7f43');
});
afterAll(() => bot?.stop());

describe('managed identity (IMDS) for MDE and Graph', () => {
  it('when a reader asks /hash, then Graph resolves the role and MDE answers with tokens from the identity endpoint', async () => {
    const answer = await bot.hashTurn();
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/Malicious/);
    const issued = bot.sandbox.managedIdentity.tokensIssued();
    expect(issued[MDE_AUDIENCE]).toBeGreaterThanOrEqual(1);
    expect(issued[GRAPH_AUDIENCE]).toBeGreaterThanOrEqual(1);
    // The app registration's token endpoint was never asked: no secret exists in this configuration.
    expect(bot.sandbox.stats().tokensIssued).toBe(0);
  });
});
