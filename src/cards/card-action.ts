/**
 * The Action.Submit an Action.Execute falls back to on clients without Universal Actions
 * (Adaptive Cards before 1.4): the same title, and the verb inside the data, because a Submit
 * arrives as a message whose `value` is its data plus the form's inputs. The edge reads that
 * `value` as `{ verb, ...data }`, exactly as it reads an Execute's verb and data.
 */
export interface SubmitFallback {
  type: 'Action.Submit';
  title: string;
  data: Record<string, string>;
  associatedInputs?: 'auto';
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string>;
  associatedInputs?: 'auto';
  fallback: SubmitFallback;
}

/**
 * A button a caller may append to a card. Data is opaque to the card (a verb and ids); the server
 * decides what a click means (see STYLE habit 4).
 */
export type CardAction =
  | ExecuteAction
  | { type: 'Action.OpenUrl'; title: string; url: string }
  /** A form that opens under the card; its own buttons are Action.Execute with opaque data. */
  | { type: 'Action.ShowCard'; title: string; card: Record<string, unknown> & { type: 'AdaptiveCard' } };

/**
 * Every Action.Execute button is built here, so none lacks its Submit fallback. (A card's
 * `refresh` is not a button: a client without Universal Actions ignores it, so it has none.)
 */
export function executeAction(title: string, verb: string, data: Record<string, string>, options: { associatedInputs?: 'auto' } = {}): ExecuteAction {
  // A Submit carries the verb in its data; a data key of the same name would be lost there.
  if ('verb' in data) throw new Error('card action data must not have a "verb" key');
  const inputs = options.associatedInputs ? { associatedInputs: options.associatedInputs } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { ...data },
    ...inputs,
    fallback: { type: 'Action.Submit', title, data: { verb, ...data }, ...inputs },
  };
}

/** A FactSet row as templates bind it. */
export interface Fact {
  title: string;
  value: string;
}
