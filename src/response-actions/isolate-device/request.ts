import { z } from 'zod';
import { storedRequestSchema, text } from '../../containment/model';

/** An isolate-device request as stored: the device by its exact MDE id, and how to isolate it. */

import { MACHINE_ID } from '../../mde/machine-actions';

export { MACHINE_ID };
export const ISOLATION_TYPES = ['Full', 'Selective'] as const;

export const ISOLATE_LIMITS = {
  computerDnsName: 255,
  /** MDE's isolate `Comment` (ours; MDE gives none). */
  comment: 1_000,
} as const;

export const isolateTargetSchema = z.object({ machineId: z.string().regex(MACHINE_ID), computerDnsName: text(255).optional() });
export type IsolateTarget = z.infer<typeof isolateTargetSchema>;

export const isolateParametersSchema = z.object({ isolationType: z.enum(ISOLATION_TYPES) });
export type IsolateParameters = z.infer<typeof isolateParametersSchema>;

export const isolateRequestSchema = storedRequestSchema('isolate-device', isolateTargetSchema, isolateParametersSchema);
export type IsolateRequest = z.infer<typeof isolateRequestSchema>;
