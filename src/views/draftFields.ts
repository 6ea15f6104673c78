// What the form's Save writes: a (valid) draft as the fields ConnectionStore's create() and update() take.
import { headerValuesFromRows } from '../connections/targetFromConnection';
import { storedApiUrl } from '../shared/apiUrl';
import { capabilitiesFromDraft, type ConnectionDraft, type ConnectionFields } from '../shared/connection';

/** @param storedHeaderValues the edited connection's: a header whose value field was left empty keeps its value (the form never had it). */
export function fieldsFromDraft(draft: ConnectionDraft, storedHeaderValues: Record<string, string> | undefined): ConnectionFields {
  const timeout = draft.timeoutSeconds.trim();
  return {
    name: draft.name.trim(),
    provider: draft.provider,
    model: draft.model.trim() || undefined,
    apiUrl: storedApiUrl(draft.apiUrl),
    presetName: draft.presetName || undefined,
    headers: headerValuesFromRows(draft.headers, storedHeaderValues),
    timeoutSeconds: timeout ? Number(timeout) : undefined,
    capabilities: capabilitiesFromDraft(draft.capabilities),
  };
}
