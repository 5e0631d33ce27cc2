/**
 * Structural checks on the Adaptive Card JSON a bot sent. The Playground renders what it can and
 * silently drops the rest (an unknown element type becomes an empty card, with no warning in the
 * chat or the log panel), so the harness checks the JSON itself and fails loudly.
 */
const ELEMENT_TYPES = new Set([
  'TextBlock', 'RichTextBlock', 'Image', 'Media', 'Container', 'ColumnSet', 'Column', 'FactSet',
  'ImageSet', 'ActionSet', 'Table', 'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time',
  'Input.Toggle', 'Input.ChoiceSet',
]);
const ACTION_TYPES = new Set(['Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems found in a card, each with its JSON path; empty when the card looks renderable. */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(card)) return [`$: the attachment content is ${typeof card === 'string' ? 'a string' : typeof card}, not an Adaptive Card object`];
  checkCard(card, '$', problems);
  return problems;
}

function checkCard(card: Json, path: string, problems: string[]): void {
  if (card.type !== 'AdaptiveCard') problems.push(`${path}.type: expected "AdaptiveCard", got ${JSON.stringify(card.type)}`);
  checkList(card.body, `${path}.body`, 'element', problems);
  checkList(card.actions, `${path}.actions`, 'action', problems);
  if (!Array.isArray(card.body) && !Array.isArray(card.actions)) problems.push(`${path}: the card has neither body nor actions`);
  if (card.selectAction !== undefined) checkItem(card.selectAction, `${path}.selectAction`, 'action', problems);
}

function checkList(list: unknown, path: string, kind: 'element' | 'action' | 'column', problems: string[]): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${path}: expected an array`);
    return;
  }
  list.forEach((item, i) => checkItem(item, `${path}[${i}]`, kind, problems));
}

function checkItem(item: unknown, path: string, kind: 'element' | 'action' | 'column', problems: string[]): void {
  if (!isObject(item)) {
    problems.push(`${path}: expected an object`);
    return;
  }
  if (kind === 'column') return;
  const known = kind === 'element' ? ELEMENT_TYPES : ACTION_TYPES;
  // An unknown type with a fallback is legal Adaptive Cards (newer element, older host).
  if (typeof item.type !== 'string' || (!known.has(item.type) && item.fallback === undefined)) {
    problems.push(`${path}.type: unknown ${kind} type ${JSON.stringify(item.type)}`);
  }
  checkList(item.items, `${path}.items`, 'element', problems);
  // A Table's columns are TableColumnDefinitions (width, alignment; no type), not elements.
  if (item.type === 'Table') checkList(item.columns, `${path}.columns`, 'column', problems);
  else checkList(item.columns, `${path}.columns`, 'element', problems);
  checkList(item.actions, `${path}.actions`, 'action', problems);
  if (Array.isArray(item.rows)) {
    item.rows.forEach((row, r) => {
      const cells = isObject(row) && Array.isArray(row.cells) ? row.cells : [];
      cells.forEach((cell, c) => isObject(cell) && checkList(cell.items, `${path}.rows[${r}].cells[${c}].items`, 'element', problems));
    });
  }
  if (item.selectAction !== undefined) checkItem(item.selectAction, `${path}.selectAction`, 'action', problems);
  if (item.type === 'Action.ShowCard') {
    if (isObject(item.card)) checkCard(item.card, `${path}.card`, problems);
    else problems.push(`${path}.card: Action.ShowCard needs a card`);
  }
}

/** Every action in a card, show cards included, in document order. */
export function cardActions(card: unknown): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
    for (const [key, value] of Object.entries(node)) if (key !== 'data') walk(value);
  };
  walk(card);
  return found;
}
