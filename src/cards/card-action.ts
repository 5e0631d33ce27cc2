/**
 * A button a caller may append to a card. Data is opaque to the card (a verb and ids); the server
 * decides what a click means (see STYLE habit 4).
 */
export type CardAction =
  | { type: 'Action.Execute'; title: string; verb: string; data: Record<string, string> }
  | { type: 'Action.OpenUrl'; title: string; url: string }
  /** A form that opens under the card; its own buttons are Action.Execute with opaque data. */
  | { type: 'Action.ShowCard'; title: string; card: Record<string, unknown> & { type: 'AdaptiveCard' } };

/** A FactSet row as templates bind it. */
export interface Fact {
  title: string;
  value: string;
}
