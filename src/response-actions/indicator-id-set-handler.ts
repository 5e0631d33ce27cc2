import { z } from 'zod';
import { formatCount } from '../cards/format';
import type { ActionHandler } from '../app/router';
import { askIndicatorApproval, formProblems } from './indicator-request-answer';

const problems = formProblems('run /indicators again');

export interface IdSetHandlerSpec<P extends z.ZodRawShape> {
  verb: string;
  kind: string;
  /** "Removal", "Extension". */
  noun: string;
  /** What the set was when it was offered without saying (older stored sets). */
  defaultSelection: string;
  /** The form's own fields besides setId, onlyIds and reason. */
  fields: P;
  parameters: (form: z.infer<z.ZodObject<P>>) => Record<string, unknown>;
  refused: (refusal: { reason: string; detail: Record<string, unknown> }) => string;
}

/**
 * "Send for approval" under an indicator set offered by /indicators (remove, extend): the stored
 * set, or the ids typed from it (the form narrows a selection, it never widens it), one approval.
 */
export function indicatorIdSetHandler<P extends z.ZodRawShape>(spec: IdSetHandlerSpec<P>): ActionHandler {
  const form = z.object({ setId: z.string().max(64), onlyIds: z.string().max(16_000).optional(), reason: z.string().max(4000).default(''), ...spec.fields });
  return {
    verb: spec.verb,
    requires: 'request-containment',
    async run(turn, deps, access) {
      const parsed = form.safeParse(turn.action?.data ?? {});
      if (!parsed.success) return problems(`${spec.noun} not requested: please fix the form`, parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`));
      const data = parsed.data as { setId: string; onlyIds?: string; reason: string } & z.infer<z.ZodObject<P>>;
      const set = await deps.iocSets?.loadIds(data.setId, (deps.now ?? Date.now)());
      if (!set) return problems(`${spec.noun} not requested: this card is too old`, ['The set behind it is gone (kept for a day).']);
      const typed = (data.onlyIds ?? '').split(/[\s,]+/).filter(Boolean);
      const outside = typed.filter((id) => !set.ids.includes(id));
      if (outside.length > 0) return problems(`${spec.noun} not requested: ids not in this set`, outside.slice(0, 8).map((id) => id.slice(0, 64)));
      const ids = typed.length > 0 ? [...new Set(typed)] : set.ids;
      const input = { kind: spec.kind, target: { ids, selection: set.selection ?? spec.defaultSelection }, parameters: spec.parameters(data), reason: data.reason };
      return askIndicatorApproval(turn, deps, access, {
        input,
        noun: spec.noun,
        requested: `${spec.noun} of ${formatCount(ids.length) ?? ''} indicators requested`,
        problems,
        refused: (refusal) => ({ title: `${spec.noun} not requested`, lines: [spec.refused(refusal)] }),
      });
    },
  };
}
