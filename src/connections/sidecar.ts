// The sidecar: a connection (by name, in settings) for cheap background work, with its own model override
// and sampling settings. Unset, it falls back to the default connection.
import type { Connection } from '../shared/connection';
import type { ConnectionStore } from './connectionStore';

export interface SidecarSettingsValues {
  connection: string;
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
}

export interface ResolvedSidecar {
  connection: Connection;
  /** The model to use: the override when set, else the connection's. */
  model: string | undefined;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** True when no sidecar is configured (or it names no connection) and the default stands in. */
  isFallback: boolean;
  /** Set when the configured name matches no connection. */
  missingName?: string;
}

export function resolveSidecar(store: Pick<ConnectionStore, 'findByName' | 'getDefault'>, configured: SidecarSettingsValues): ResolvedSidecar | undefined {
  const named = configured.connection.trim() ? store.findByName(configured.connection) : undefined;
  const connection = named ?? store.getDefault();
  if (!connection) return undefined;
  return {
    connection,
    model: configured.model.trim() || connection.model,
    temperature: configured.temperature,
    topP: configured.topP,
    maxTokens: configured.maxTokens,
    isFallback: !named,
    ...(configured.connection.trim() && !named ? { missingName: configured.connection.trim() } : {}),
  };
}
