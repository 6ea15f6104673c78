// What the form keeps across hide/show with setState/getState (the panel has no retainContextWhenHidden, so
// the page is rebuilt on show): declared once as a valibot schema, its type inferred. What getState returns is
// validated like any other input. Versioned, so a future shape can ignore an old one.
import * as v from 'valibot';
import { connectionDraftSchema, isDraftField } from '../../src/shared/draftSchema';

export const persistedStateSchema = v.object({
  v: v.literal(1),
  connectionId: v.nullable(v.string()),
  draft: connectionDraftSchema,
  /** Fields the user has left; names this version does not know are dropped, not fatal. */
  touched: v.fallback(v.pipe(v.array(v.unknown()), v.transform((list) => list.filter(isDraftField))), []),
  submitted: v.fallback(v.boolean(), false),
  advancedOpen: v.fallback(v.boolean(), false),
});

export type PersistedState = v.InferOutput<typeof persistedStateSchema>;

/** The saved state, or undefined when it is absent or malformed (the form then starts from the host's draft). */
export function parsePersistedState(raw: unknown): PersistedState | undefined {
  const parsed = v.safeParse(persistedStateSchema, raw);
  return parsed.success ? parsed.output : undefined;
}
