// Public surface of the providers module (docs/architecture.md, "The layers"). Plain TypeScript: no vscode, no Node-only imports.
export type {
  ChatMessage,
  ChatOptions,
  DialectId,
  FreeCheck,
  ModelInfo,
  ProviderId,
  ProviderInfo,
  ProviderTarget,
  TestCategory,
  TestResult,
  TestStrategy,
} from './types';
export { providers, getProvider } from './catalogue';
export { listModels } from './listModels';
export { testConnection } from './testConnection';
export { streamChat } from './streamChat';
export { ProviderError } from './providerError';
export { DEFAULT_TIMEOUT_MS } from './callContext';
export { InvalidUrlError, normalizeBaseUrl, isPlainHttpToRemoteHost } from './url';
export { resolveBaseUrl } from './prepareCall';
export { streamChatParts } from './streamChatParts';
export { modelCapabilities } from './capabilities';
export type { ChatContentPart, ChatPart, ChatTool, ChatToolOptions, ModelCapabilities, RichChatMessage } from './types';
export { supportsChat } from './chatSupport';
export { scrubUrlCredentials } from './redact';
