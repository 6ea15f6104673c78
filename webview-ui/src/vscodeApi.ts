// The webview's handle on VS Code: typed messages out, and the persisted form state that lets a draft
// survive the panel being hidden (the panel has no retainContextWhenHidden, so it is rebuilt on show).
import type { ConnectionDraft } from '../../src/shared/connection';
import { parseDraft } from '../../src/shared/protocol';
import type { FromWebview } from '../../src/shared/protocol';
import { DRAFT_FIELDS } from './parseToWebview';

interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

/** What survives hide/show. Versioned so a future shape can ignore an old one. */
export interface PersistedState {
  v: 1;
  connectionId: string | null;
  draft: ConnectionDraft;
  touched: string[];
  submitted: boolean;
  advancedOpen: boolean;
}

// acquireVsCodeApi may be called only once per webview lifetime.
const api: WebviewApi = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

export function saveState(state: PersistedState): void {
  api.setState(state);
}

/** The persisted state, validated like any other input; undefined when absent or malformed. */
export function loadState(): PersistedState | undefined {
  let raw: unknown;
  try {
    raw = api.getState();
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  if (s.v !== 1) return undefined;
  if (s.connectionId !== null && typeof s.connectionId !== 'string') return undefined;
  const draft = parseDraft(s.draft);
  if (!draft) return undefined;
  const known = DRAFT_FIELDS as readonly string[];
  const touched = Array.isArray(s.touched) ? s.touched.filter((t): t is string => typeof t === 'string' && known.includes(t)) : [];
  return {
    v: 1,
    connectionId: s.connectionId,
    draft,
    touched,
    submitted: s.submitted === true,
    advancedOpen: s.advancedOpen === true,
  };
}
