// A workspace's team file (.vscode/ai-connections.json) read into connections: validated with the one schema
// of the connection file (src/shared/connectionFile.ts), each entry on its own so one bad entry does not hide
// the others; every problem names its place in the file. No vscode import: the unit tier runs it as it is.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { getProvider } from '../providers';
import { CONNECTION_FILE_VERSION, fileConnectionSchema, type FileConnection } from '../shared/connectionFile';
import type { Connection } from '../shared/connection';
import { nameKeyOf, validateUrl } from '../shared/validation';

/** The file's path inside a workspace folder. */
export const TEAM_FILE_PATH = '.vscode/ai-connections.json';

/** Where a team connection comes from; carried on its Connection as `team`. */
export interface TeamOrigin {
  /** The workspace folder's URI, as a string. */
  folderUri: string;
  /** The folder's name, for display. */
  folderName: string;
  /** Index of the entry in the file's `connections`. */
  index: number;
  /** Header names the file lists (their values are each user's own). */
  headerNames?: string[];
}

export type TeamConnection = Connection & { team: TeamOrigin };

export interface TeamFileProblem {
  /** Where in the file: `connections[2].provider`, `version`, or `file` for the whole. */
  place: string;
  message: string;
}

export interface ParsedTeamFile {
  connections: TeamConnection[];
  problems: TeamFileProblem[];
}

export function isTeamConnection(c: Connection): c is TeamConnection {
  const team = (c as { team?: unknown }).team;
  return typeof team === 'object' && team !== null && typeof (team as TeamOrigin).folderUri === 'string';
}

/**
 * The id of a team connection, under which its key lives in SecretStorage (`aiConnections.apiKey.<id>`):
 * `team-` + the first 32 hex digits of SHA-256 over the folder's URI, the name (lower case, as names are
 * unique ignoring case) and the origin its requests go to (scheme, host and port of its API URL, else of the
 * provider's default). Stable while those three stay: edits to the model, preset or timeout keep the key. The
 * folder is part of it so that another checkout (or a hostile repository) using the same name never reuses a
 * key the user set here; the origin is part of it because setting a key is consent to send it *there*: when
 * someone changes the file's URL to another host, the connection shows "no key" and nothing is sent until the
 * user sets a key again for the new destination.
 */
export function teamConnectionId(folderUri: string, name: string, origin: string): string {
  const digest = createHash('sha256').update(`${folderUri}\n${nameKeyOf(name)}\n${origin}`).digest('hex');
  return `team-${digest.slice(0, 32)}`;
}

/** Where a connection's requests go: its URL's origin, else the provider default's; the raw text if unparsable. */
export function destinationOrigin(provider: string, apiUrl: string | undefined): string {
  const url = apiUrl?.trim() || getProvider(provider)?.defaultUrl || '';
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function parseTeamFile(text: string, folder: { uri: string; name: string }): ParsedTeamFile {
  const problems: TeamFileProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { connections: [], problems: [{ place: 'file', message: jsonErrorMessage(text, err) }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { connections: [], problems: [{ place: 'file', message: 'is not a JSON object' }] };
  }
  const doc = data as Record<string, unknown>;
  if (doc.version !== CONNECTION_FILE_VERSION) {
    problems.push({ place: 'version', message: `must be ${CONNECTION_FILE_VERSION}` });
    if (typeof doc.version === 'number' && doc.version > CONNECTION_FILE_VERSION) return { connections: [], problems };
  }
  if (!Array.isArray(doc.connections)) {
    problems.push({ place: 'connections', message: 'must be a list of connections' });
    return { connections: [], problems };
  }
  const connections: TeamConnection[] = [];
  const seen = new Set<string>();
  doc.connections.forEach((raw, index) => {
    const place = `connections[${index}]`;
    const parsed = v.safeParse(fileConnectionSchema, raw);
    if (!parsed.success) {
      for (const issue of parsed.issues.slice(0, 3)) problems.push({ place: placeOf(place, issue), message: issue.message });
      return;
    }
    const entry = parsed.output;
    // Unknown fields are dropped by the schema; say so, above all for a key someone wrote into a shared file.
    for (const field of Object.keys(raw as object)) {
      if (field in fileConnectionSchema.entries) continue;
      const message = /key|secret|token|password/i.test(field)
        ? 'is ignored: a team file holds no keys (each teammate sets their own); remove it from the file and its history'
        : 'is not a field of a connection; ignored';
      problems.push({ place: `${place}.${field}`, message });
    }
    if (!getProvider(entry.provider)) {
      problems.push({ place: `${place}.provider`, message: `"${entry.provider}" is not a provider AI Connections knows` });
      return;
    }
    const urlProblem = entry.apiUrl ? validateUrl(entry.apiUrl) : undefined;
    if (urlProblem) {
      problems.push({ place: `${place}.apiUrl`, message: urlProblem === 'urlScheme' ? 'must be an http or https URL' : 'is not a URL' });
      return;
    }
    const key = nameKeyOf(entry.name);
    if (seen.has(key)) {
      problems.push({ place: `${place}.name`, message: `"${entry.name}" is used by an earlier entry (names are unique, ignoring case)` });
      return;
    }
    seen.add(key);
    connections.push(toConnection(entry, folder, index));
  });
  return { connections, problems };
}

function toConnection(entry: FileConnection, folder: { uri: string; name: string }, index: number): TeamConnection {
  const id = teamConnectionId(folder.uri, entry.name, destinationOrigin(entry.provider, entry.apiUrl));
  const team: TeamOrigin = { folderUri: folder.uri, folderName: folder.name, index, ...(entry.headerNames?.length ? { headerNames: entry.headerNames } : {}) };
  const c: TeamConnection = { id, name: entry.name, provider: entry.provider, createdAt: '', updatedAt: '', team };
  // The names go where every request reads them; each user's values are in SecretStorage (KeyVault.headerValues).
  if (entry.headerNames?.length) c.headerNames = [...entry.headerNames];
  if (entry.model?.trim()) c.model = entry.model.trim();
  if (entry.apiUrl?.trim()) c.apiUrl = entry.apiUrl.trim();
  if (entry.presetName?.trim()) c.presetName = entry.presetName.trim();
  if (entry.apiKeyEnv) c.apiKeyEnv = entry.apiKeyEnv;
  if (entry.timeoutSeconds) c.timeoutSeconds = entry.timeoutSeconds;
  if (entry.capabilities && Object.keys(entry.capabilities).length) c.capabilities = entry.capabilities;
  return c;
}

function placeOf(base: string, issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('') ?? '';
  return base + path;
}

/** JSON.parse's complaint with a 1-based line and column where it names a position. */
function jsonErrorMessage(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at) return `is not valid JSON (${message})`;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column}`;
}
