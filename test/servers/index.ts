// Local provider-compatible test servers, shared by the unit, integration and UI tiers.
export { startProviderServer, startRecordingServer, type StartedProviderServer } from './providerServer';
export { defaultModels } from './defaultModels';
export { selfSignedCertificate } from './tlsCert';
export { VERTEX_TEST_CLIENT_EMAIL, VERTEX_TEST_PROJECT } from './wire/vertex';
export type {
  Fault,
  FaultRule,
  PagingMode,
  ProviderServer,
  ProviderServerOptions,
  RecordedRequest,
  Reply,
  ServerDialect,
  ServerModel,
} from './types';
