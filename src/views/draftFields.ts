// What the form's Save writes: a (valid) draft as the fields ConnectionStore's create() and update() take.
import { headerValuesFromRows } from '../connections/targetFromConnection';
import { capabilitiesFromDraft, type ConnectionDraft, type ConnectionFields } from '../shared/connection';

/** @param storedHeaderValues the edited connection's: a header whose value field was left empty keeps its value (the form never had it). */
export function fieldsFromDraft(draft: ConnectionDraft, storedHeaderValues: Record<string, string> | undefined): ConnectionFields {
  const timeout = draft.timeoutSeconds.trim();
  return {
    name: draft.name.trim(),
    provider: draft.provider,
    model: draft.model.trim() || undefined,
    // As typed: the store applies the URL rule and keeps the normal form (storableFields), in its own try.
    apiUrl: draft.apiUrl.trim() || undefined,
    presetName: draft.presetName || undefined,
    headers: headerValuesFromRows(draft.headers, storedHeaderValues),
    timeoutSeconds: timeout ? Number(timeout) : undefined,
    capabilities: capabilitiesFromDraft(draft.capabilities),
  };
}
