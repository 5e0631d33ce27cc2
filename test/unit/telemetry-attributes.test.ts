import { safeAttributes } from '../../src/telemetry/attributes';

describe('safeAttributes', () => {
  it('when a key is not on the list, then it is dropped, whatever its value', () => {
    expect(safeAttributes({ 'api.family': 'files', text: '/hash abc', 'user.name': 'Alex Wilber', __proto__: 'x', constructor: 'y' })).toEqual({ 'api.family': 'files' });
  });

  it('when a correlation or request id is not id-shaped, then it is dropped; a GUID is kept', () => {
    expect(safeAttributes({ 'mde.correlation_id': 'call me at +1 555', 'graph.request_id': '0f2c6d8e-1b3a-4c5d-9e7f-a1b2c3d4e5f6' })).toEqual({ 'graph.request_id': '0f2c6d8e-1b3a-4c5d-9e7f-a1b2c3d4e5f6' });
  });

  it('when a string is long, then it is cut to 80 characters; numbers and booleans pass, undefined is left out', () => {
    const out = safeAttributes({ 'api.operation': 'x'.repeat(500), 'api.attempts': 2, 'verdict.outcome': true, 'error.type': undefined });
    expect(out).toEqual({ 'api.operation': 'x'.repeat(80), 'api.attempts': 2, 'verdict.outcome': true });
  });
});
