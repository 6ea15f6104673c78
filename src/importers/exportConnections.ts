// PLACEHOLDER until the export format lands (branch wt/import).
import type { Connection } from '../shared/connection';

export function exportConnections(connections: readonly Connection[]): string {
  return JSON.stringify({ version: 1, connections: connections.map(({ name, provider }) => ({ name, provider })) });
}
