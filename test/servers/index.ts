// Local provider-compatible test servers, shared by the unit, integration and UI tiers.
export { startProviderServer, startRecordingServer, type StartedProviderServer } from './providerServer';
export { defaultModels } from './defaultModels';
export { DEFAULT_CHAT_DELTAS } from './chatStreamer';
export { selfSignedCertificate } from './tlsCert';
export { VERTEX_TEST_CLIENT_EMAIL, VERTEX_TEST_PROJECT } from './wire/vertex';
export type {
  ChatScript,
  ChatScriptSource,
  ScriptedToolCall,
  ChatStreamOutcome,
  ChatStreamRecord,
  Fault,
  FaultRule,
  PagingMode,
  ProviderServer,
  ProviderServerOptions,
  RecordedRequest,
  Reply,
  ServerDialect,
  ServerModel,
  StreamFault,
} from './types';
export { startLocalServer, unusedPort, type LocalServerFlavour, type StartedLocalServer } from './localModelServers';
