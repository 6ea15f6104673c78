// The importers module's public surface (docs/architecture.md, "Import and discovery"). The extension loads it
// lazily (its own bundle), so activation never pays for the parsers.
export * from './types';
export { detectFormat, planImport } from './planImport';
export { exportConnections } from './exportConnections';
export { discoverEnv } from './discoverEnv';
export {
  discoverLocalServers,
  localServerConnection,
  ollamaHostPort,
  DEFAULT_PORTS,
  type FetchLike,
  type LocalDiscoveryOptions,
  type LocalServerFind,
  type LocalServerKind,
} from './localServers';
