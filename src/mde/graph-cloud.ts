import type { MdeCloud } from '../config';

/**
 * Microsoft Graph per cloud (learn …/graph/deployments): GCC shares the commercial Graph; GCC High
 * and DoD have their own. The app-only scope is always `<graph base>/.default`.
 */
const GRAPH_BASE: Readonly<Record<MdeCloud, string>> = Object.freeze({
  commercial: 'https://graph.microsoft.com',
  gcc: 'https://graph.microsoft.com',
  'gcc-high': 'https://graph.microsoft.us',
  dod: 'https://dod-graph.microsoft.us',
});

export interface GraphEndpoints {
  /** Without a trailing slash; `/v1.0/...` is appended. */
  baseUrl: string;
  scope: string;
}

export function graphEndpoints(cloud: MdeCloud, baseUrlOverride?: string): GraphEndpoints {
  const known = GRAPH_BASE[cloud];
  if (!known) throw new Error(`unknown cloud: ${String(cloud)}`);
  const baseUrl = (baseUrlOverride || known).replace(/\/+$/, '');
  // The token is for Graph itself even when the base URL is a test server or the sandbox.
  return { baseUrl, scope: `${known}/.default` };
}
