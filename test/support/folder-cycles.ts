import { dirname, join, normalize, relative } from 'node:path';
import { sourceImports } from './source-imports';

/** A top-level folder of the source root ('app'), or a file at its root ('main.ts'), as a graph node. */
const nodeOf = (file: string): string => file.split('/')[0] ?? file;

/** Which folder imports which, from relative imports only (packages are not folders of ours). */
export function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { file, specifier } of sourceImports(root)) {
    if (!specifier.startsWith('.')) continue;
    const target = relative(root, normalize(join(root, dirname(file), specifier))).split('\\').join('/');
    if (target.startsWith('..')) continue;
    const from = nodeOf(file);
    const to = nodeOf(target.includes('/') ? target : `${target}.ts`);
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)?.add(to);
  }
  return graph;
}

export interface FolderCycle {
  /** The folders in the loop, sorted: 'audit ↔ cards'. */
  members: string;
  /** One shortest loop through them: 'audit → cards → audit'. */
  loop: string;
}

/**
 * The folders that import each other, directly or round a loop: each strongly connected group
 * (Tarjan's algorithm) of more than one folder, with one shortest loop through its first member,
 * so a failure names a path to cut.
 */
export function folderCycles(graph: Map<string, Set<string>>): FolderCycle[] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, indexOf.get(next) ?? 0));
    }
    if (low.get(node) !== indexOf.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return groups.map((group) => ({ members: group.join(' ↔ '), loop: loopThrough(graph, group) })).sort((a, b) => a.members.localeCompare(b.members));
}

/** The shortest loop from the group's first folder back to it, staying inside the group. */
function loopThrough(graph: Map<string, Set<string>>, group: string[]): string {
  const start = group[0] ?? '';
  const inside = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const between: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) between.unshift(at);
        return [start, ...between, start].join(' → ');
      }
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  return group.join(' ↔ ');
}
