// Export: our keyless file (src/shared/connectionFile.ts). Every field a connection has except its key and its
// header values; header names are kept, so whoever imports the file knows which values to set.
import type { Connection } from '../shared/connection';
import { CONNECTION_FILE_SCHEMA_URL, CONNECTION_FILE_VERSION, type ConnectionFile, type FileConnection } from '../shared/connectionFile';
import { isEnvName } from './secretRefs';

export function exportConnections(connections: readonly Connection[]): string {
  const file: ConnectionFile = {
    $schema: CONNECTION_FILE_SCHEMA_URL,
    version: CONNECTION_FILE_VERSION,
    connections: connections.map(fileConnectionOf),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Header names from `headerNames` (values in SecretStorage) or, for the older shape, `headers`' keys. */
function headerNamesOf(c: Connection): string[] {
  const names: unknown = c['headerNames'];
  if (Array.isArray(names)) return names.filter((n): n is string => typeof n === 'string');
  return Object.keys(c.headers ?? {});
}

function fileConnectionOf(c: Connection): FileConnection {
  const out: FileConnection = { name: c.name, provider: c.provider };
  if (c.model) out.model = c.model;
  if (c.apiUrl) out.apiUrl = c.apiUrl;
  if (c.presetName) out.presetName = c.presetName;
  const apiKeyEnv: unknown = c['apiKeyEnv'];
  if (typeof apiKeyEnv === 'string' && isEnvName(apiKeyEnv)) out.apiKeyEnv = apiKeyEnv;
  const headerNames = headerNamesOf(c);
  if (headerNames.length) out.headerNames = headerNames;
  if (c.timeoutSeconds !== undefined) out.timeoutSeconds = c.timeoutSeconds;
  if (c.capabilities && Object.keys(c.capabilities).length) out.capabilities = { ...c.capabilities };
  return out;
}
