import { familyOf, MDE_API_LIMITS, OPERATION_FAMILIES } from '../../src/mde/api-families';
import { describeMdeError } from '../../src/mde/describe-error';
import { MdeError } from '../../src/mde/errors';
import { MDE_FAMILY_LIMITS } from '../../src/sandbox/rate-limits';
import { GRAPH_HUNTING_FAMILY } from '../../src/sandbox/fault-queue';
import { createApiRoutes } from '../../src/sandbox/mde/routes';
import { createCatalogue } from '../../src/sandbox/mde/catalogue';
import { demoCatalogue } from '../../src/sandbox/demo-catalogue';

describe('MDE API families', () => {
  it("when the client's budget is compared with the sandbox's enforcement, then every family has the same limits", () => {
    expect(MDE_API_LIMITS).toEqual(MDE_FAMILY_LIMITS);
  });

  it.each(Object.entries(OPERATION_FAMILIES))('when %s is called, then the sandbox counts its path in the same family (%s)', (operation, family) => {
    const paths: Record<string, [string, string]> = {
      'files.get': ['GET', `/files/${'a'.repeat(40)}`],
      'files.stats': ['GET', `/files/${'a'.repeat(40)}/stats`],
      'files.machines': ['GET', `/files/${'a'.repeat(40)}/machines`],
      'files.alerts': ['GET', `/files/${'a'.repeat(40)}/alerts`],
      'alerts.get': ['GET', '/alerts/da1_2'],
      'alerts.files': ['GET', '/alerts/da1_2/files'],
      'alerts.machine': ['GET', '/alerts/da1_2/machine'],
      'hunting.run': ['POST', '/advancedqueries/run'],
      'indicators.list': ['GET', '/indicators'],
      'indicators.submit': ['POST', '/indicators'],
      'indicators.delete': ['DELETE', '/indicators/2841'],
      'indicators.import': ['POST', '/indicators/import'],
      'indicators.batchDelete': ['POST', '/indicators/BatchDelete'],
      'machines.get': ['GET', `/machines/${'a'.repeat(40)}`],
      'machines.isolate': ['POST', `/machines/${'a'.repeat(40)}/isolate`],
      'machines.unisolate': ['POST', `/machines/${'a'.repeat(40)}/unisolate`],
      'machines.scan': ['POST', `/machines/${'a'.repeat(40)}/runAntiVirusScan`],
      'machines.restrict': ['POST', `/machines/${'a'.repeat(40)}/restrictCodeExecution`],
      'machines.unrestrict': ['POST', `/machines/${'a'.repeat(40)}/unrestrictCodeExecution`],
      'machines.collect': ['POST', `/machines/${'a'.repeat(40)}/collectInvestigationPackage`],
      'machines.quarantine': ['POST', `/machines/${'a'.repeat(40)}/StopAndQuarantineFile`],
      'machines.tag': ['POST', `/machines/${'a'.repeat(40)}/tags`],
      'machines.tag-bulk': ['POST', '/machines/AddOrRemoveTagForMultipleMachines'],
      'machines.by-name': ['GET', '/machines/laptop-12.verdict-demo.example'],
      'machineactions.package': ['GET', '/machineactions/5c7d0f8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f/getPackageUri'],
      'machineactions.list': ['GET', '/machineactions'],
      'machineactions.get': ['GET', '/machineactions/5c7d0f8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f'],
    };
    // Graph's hunting is served by the sandbox's Graph, not by an MDE route.
    if (operation === 'hunting.graph') return expect(GRAPH_HUNTING_FAMILY).toBe(family);
    const [method, path] = paths[operation] ?? ['', ''];
    const route = createApiRoutes(createCatalogue(demoCatalogue())).find((r) => r.method === method && r.path.test(path));
    expect(route?.family).toBe(family);
  });

  it.each(Object.keys(OPERATION_FAMILIES))('when %s fails, then the card names the operation in words, not its id', (operation) => {
    const text = describeMdeError(new MdeError({ kind: 'timeout', operation }));
    expect(text.detail).not.toContain(operation);
  });

  it('when an operation is not in the table, then it is paced by its prefix family or under its own name', () => {
    expect(familyOf('indicators.create')).toBe('indicators');
    expect(familyOf('somethingnew.do')).toBe('somethingnew.do');
  });
});
