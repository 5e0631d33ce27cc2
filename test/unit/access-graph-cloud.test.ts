import { graphEndpoints } from '../../src/mde/graph-cloud';
import { loadConfig } from '../../src/config';
import { DEMO_GROUPS } from '../../src/sandbox/demo-tenant';

describe('Graph endpoints and demo groups', () => {
  it.each([
    ['commercial', 'https://graph.microsoft.com'],
    ['gcc', 'https://graph.microsoft.com'],
    ['gcc-high', 'https://graph.microsoft.us'],
    ['dod', 'https://dod-graph.microsoft.us'],
  ] as const)('when the cloud is %s, then Graph is %s and the scope its /.default', (cloud, base) => {
    expect(graphEndpoints(cloud)).toEqual({ baseUrl: base, scope: `${base}/.default` });
  });

  it('when the base URL is overridden (the sandbox), then requests go there but the token is still for Graph', () => {
    expect(graphEndpoints('commercial', 'http://127.0.0.1:4321/')).toEqual({ baseUrl: 'http://127.0.0.1:4321', scope: 'https://graph.microsoft.com/.default' });
  });

  it('when the demo groups are given as ROLE_GROUPS_*, then the configuration accepts them', () => {
    const loaded = loadConfig({ ROLE_GROUPS_READER: DEMO_GROUPS.reader, ROLE_GROUPS_RESPONDER: DEMO_GROUPS.responder, ROLE_GROUPS_APPROVER: `${DEMO_GROUPS.approver}, ${DEMO_GROUPS.responder}` });
    expect(loaded.ok && loaded.config.roles).toMatchObject({ readerGroups: [DEMO_GROUPS.reader], approverGroups: [DEMO_GROUPS.approver, DEMO_GROUPS.responder] });
    expect(new Set(Object.values(DEMO_GROUPS)).size).toBe(3);
  });
});
