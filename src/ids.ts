// Every id the extension shares with package.json, defined once. A test checks package.json against these.

export const EXTENSION_ID = 'ai-connections.ai-connections';

export const ViewContainerId = 'aiConnections' as const;

export const ViewId = {
  connections: 'aiConnections.connections',
} as const;

export const CommandId = {
  newConnection: 'aiConnections.newConnection',
  editConnection: 'aiConnections.editConnection',
  setApiKey: 'aiConnections.setApiKey',
  updateApiKey: 'aiConnections.updateApiKey',
  clearApiKey: 'aiConnections.clearApiKey',
  testConnection: 'aiConnections.testConnection',
  listModels: 'aiConnections.listModels',
  setDefault: 'aiConnections.setDefault',
  selectDefault: 'aiConnections.selectDefault',
  duplicateConnection: 'aiConnections.duplicateConnection',
  deleteConnection: 'aiConnections.deleteConnection',
  refresh: 'aiConnections.refresh',
  setSidecar: 'aiConnections.setSidecar',
  sendPrompt: 'aiConnections.sendPrompt',
  cancelPrompt: 'aiConnections.cancelPrompt',
  manage: 'aiConnections.manage',
  useSidecarForChat: 'aiConnections.useSidecarForChat',
  discoverConnections: 'aiConnections.discoverConnections',
  importConnections: 'aiConnections.importConnections',
  exportConnections: 'aiConnections.exportConnections',
  signInWithOpenRouter: 'aiConnections.signInWithOpenRouter',
  setHeaderValues: 'aiConnections.setHeaderValues',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Context keys used in `when` clauses. */
export const ContextKey = {
  hasConnections: 'aiConnections.hasConnections',
  generating: 'aiConnections.generating',
} as const;

/** contextValue parts of tree items; menus match them with regular expressions. */
export const TreeItemContext = {
  connection: 'connection',
  withKey: 'withKey',
  withoutKey: 'withoutKey',
  isDefault: 'default',
  isSidecar: 'sidecar',
  invalidEntry: 'invalidEntry',
  /** A connection from a workspace folder's team file: read-only (no Edit, Delete, Duplicate, Default). */
  team: 'team',
  /** The "Team · <folder>" group. */
  teamGroup: 'teamGroup',
  /** A team connection whose file names headers: each user sets their values. */
  teamHeaders: 'teamHeaders',
} as const;

/** A connection row's contextValue: its parts, space-separated, for `viewItem =~ /\bpart\b/` in package.json menus. */
export function connectionContextValue(row: { hasKey: boolean; isDefault: boolean; isSidecar: boolean; isTeam?: boolean; teamHeaders?: boolean }): string {
  return [
    TreeItemContext.connection,
    row.hasKey ? TreeItemContext.withKey : TreeItemContext.withoutKey,
    ...(row.isDefault ? [TreeItemContext.isDefault] : []),
    ...(row.isSidecar ? [TreeItemContext.isSidecar] : []),
    ...(row.isTeam ? [TreeItemContext.team] : []),
    ...(row.teamHeaders ? [TreeItemContext.teamHeaders] : []),
  ].join(' ');
}

export const StorageKey = {
  /**
   * globalState: version 1's one connections document `{ version, connections, defaultId? }`. Read once to
   * migrate to the per-connection keys below; an unreadable one is moved to `connectionsBackup`.
   */
  connections: 'aiConnections.connections',
  /** globalState (local only): a version 1 document that could not be read, kept as it was. */
  connectionsBackup: 'aiConnections.connections.unreadableBackup',
  /** globalState prefix: one key per connection, `<prefix><id>`. Synced with Settings Sync, merged per key. */
  connectionPrefix: 'aiConnections.connection.',
  /** globalState prefix (local only): `{ at }` of a connection deleted on purpose (see writeJournal.ts). */
  deletedPrefix: 'aiConnections.deleted.',
  /** globalState: `{ id }` of the default connection. Synced. */
  defaultConnection: 'aiConnections.defaultConnection',
  /** globalState (local only): last test result per connection id. */
  testResults: 'aiConnections.testResults',
  /** globalState (local only): what the provider's model list said about each connection's model. */
  modelFacts: 'aiConnections.modelFacts',
  /** globalState (local only): connections allowed to send their key over plain http, per origin. */
  plainHttpConsents: 'aiConnections.plainHttpConsents',
} as const;

/** The chat model id of the sidecar (its connection, model override and sampling), as VS Code's utility model. */
export const SIDECAR_CHAT_MODEL_ID = 'sidecar';

/** SecretStorage key of a connection's API key. */
export const secretKeyFor = (connectionId: string) => `aiConnections.apiKey.${connectionId}`;
export const SECRET_KEY_PREFIX = 'aiConnections.apiKey.';

/** SecretStorage key of a connection's custom header values (JSON `{ name: value }`), beside its key. */
export const headerSecretKeyFor = (connectionId: string) => `aiConnections.headers.${connectionId}`;
export const HEADER_SECRET_PREFIX = 'aiConnections.headers.';

export const SETTINGS_SECTION = 'aiConnections';

/**
 * Every setting, relative to the section. Code names them as literal strings checked against this list by the
 * type `SettingKey` (so the list itself stays out of the bundle); a unit test checks it against package.json.
 */
export const SETTING_KEYS = [
  'requestTimeoutSeconds',
  'presets',
  'sidecar.connection',
  'sidecar.model',
  'sidecar.temperature',
  'sidecar.topP',
  'sidecar.maxTokens',
  'sidecar.chatUtilityModel',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
