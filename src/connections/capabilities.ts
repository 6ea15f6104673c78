// A connection's model capabilities as chat uses them: detected (the provider's list, else the known-model
// table, else safe defaults: providers/capabilities.ts), then the user's overrides from the form.
import { modelCapabilities, type ModelCapabilities, type ModelInfo } from '../providers';
import type { Connection } from '../shared/connection';

export function connectionCapabilities(connection: Connection, learned: ModelInfo | undefined, modelOverride?: string): ModelCapabilities {
  const model = modelOverride ?? connection.model ?? '';
  const detected = modelCapabilities(connection, learned && learned.id === model ? learned : { id: model });
  const overrides = modelOverride === undefined ? (connection.capabilities ?? {}) : {};
  return {
    toolCalling: overrides.toolCalling ?? detected.toolCalling,
    imageInput: overrides.imageInput ?? detected.imageInput,
    contextWindow: overrides.contextWindow ?? detected.contextWindow,
    maxOutputTokens: overrides.maxOutputTokens ?? detected.maxOutputTokens,
    family: overrides.family?.trim() || detected.family,
  };
}

/** The prompt budget VS Code may fill: the window less what the reply may take. */
export function maxInputTokens(capabilities: ModelCapabilities): number {
  return Math.max(1024, capabilities.contextWindow - capabilities.maxOutputTokens);
}
