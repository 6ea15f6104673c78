// The stored shapes of connections, declared once with valibot; the TypeScript types are inferred from them.
// What globalState holds (one entry per connection, synced with Settings Sync) never has a header value or a
// key: those live in SecretStorage. Unknown fields written by a newer version pass the check and are kept.
import * as v from 'valibot';
import { capabilityOverridesSchema } from './connectionFile';

const nonBlank = (what: string) => v.pipe(v.string(what), v.check((s) => s.trim() !== '', what));

/** One connection as globalState holds it (`aiConnections.connection.<id>`). */
export const storedConnectionSchema = v.looseObject({
  id: v.pipe(v.string('missing id'), v.nonEmpty('missing id')),
  name: nonBlank('missing name'),
  provider: nonBlank('missing provider'),
  model: v.optional(v.string('model is not text')),
  apiUrl: v.optional(v.string('apiUrl is not text')),
  presetName: v.optional(v.string('presetName is not text')),
  /** The environment variable the key is read from at request time (a name, not a secret: it syncs). */
  apiKeyEnv: v.optional(v.string('apiKeyEnv is not text')),
  /** The names of the connection's custom headers; their values are secrets (KeyVault). */
  headerNames: v.optional(v.array(v.string('headerNames are not a list of text'), 'headerNames are not a list of text')),
  timeoutSeconds: v.optional(v.pipe(v.number('timeoutSeconds is not a positive number'), v.check((n) => n > 0, 'timeoutSeconds is not a positive number'))),
  capabilities: v.optional(capabilityOverridesSchema),
  createdAt: v.optional(v.string('createdAt is not text'), ''),
  updatedAt: v.optional(v.string('updatedAt is not text'), ''),
});

/**
 * Version 1's one document (header values were then in plain globalState). Read only to migrate; its entries
 * are checked one by one, so a bad entry does not sink the others.
 */
export const v1DocumentSchema = v.looseObject({
  version: v.pipe(v.number('unknown document version'), v.integer('unknown document version'), v.minValue(1, 'unknown document version')),
  connections: v.array(v.unknown(), '"connections" is not a list'),
  defaultId: v.optional(v.unknown()),
});

/** The default connection (`aiConnections.defaultConnection`): its own key, so choosing it merges per key too. */
export const storedDefaultSchema = v.object({ id: v.pipe(v.string(), v.nonEmpty()) });

/** Header values of one connection in SecretStorage (`aiConnections.headers.<id>`), as JSON. */
export const headerValuesSchema = v.record(v.string(), v.string());

export type StoredConnection = v.InferOutput<typeof storedConnectionSchema>;
export type StoredDefault = v.InferOutput<typeof storedDefaultSchema>;
export type HeaderValues = v.InferOutput<typeof headerValuesSchema>;

/** The first problem valibot found, as a short reason for the log and the tree (never the value itself). */
export function problemOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue.path?.map((p) => String(p.key)) ?? [];
  // Our own messages name their field; valibot's defaults ("Invalid type: …") do not.
  if (path.length === 0 || issue.message.startsWith(path[0])) return issue.message;
  return path[0] === 'capabilities' ? 'capabilities are not valid overrides' : `${path.join('.')}: ${issue.message}`;
}
