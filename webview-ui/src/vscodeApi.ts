// The webview's handle on VS Code: typed messages out, and the persisted form state that lets a draft
// survive the panel being hidden (its shape: persistedState.ts).
import type { FromWebview } from '../../src/shared/protocol';
import { parsePersistedState, type PersistedState } from './persistedState';

export type { PersistedState } from './persistedState';

interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

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
  try {
    return parsePersistedState(api.getState());
  } catch {
    return undefined;
  }
}
