// Reading the stored connections document defensively. Whatever is in globalState (an older or newer
// version, Settings Sync merges, hand edits, garbage) is parsed without throwing: valid entries are
// used, everything else is reported and kept exactly as it was.
import type { Connection } from '../shared/connection';
import { nameKeyOf } from '../shared/validation';

export const CURRENT_VERSION = 1;

export interface InvalidEntry {
  /** Position in the stored array, so a write puts it back where it was. */
  index: number;
  raw: unknown;
  /** The entry's id when it has a usable one (its key in SecretStorage is then not an orphan). */
  id: string | undefined;
  /** A name to show for it, when it has one. */
  label: string | undefined;
  reason: string;
}

export interface ParsedDocument {
  raw: unknown;
  connections: Connection[];
  invalid: InvalidEntry[];
  defaultId: string | undefined;
  /** The document as a whole is unreadable (a write keeps it aside as `unreadableBackup`). */
  problem: string | undefined;
  /** Written by a newer version: listed, but not written over. */
  readOnlyReason: string | undefined;
  /** Top-level fields this version does not know, carried along on write. */
  extraFields: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

function entryProblem(e: Record<string, unknown>): string | undefined {
  if (typeof e.id !== 'string' || !e.id) return 'missing id';
  if (typeof e.name !== 'string' || !e.name.trim()) return 'missing name';
  if (typeof e.provider !== 'string' || !e.provider) return 'missing provider';
  for (const f of ['model', 'apiUrl', 'presetName', 'apiKeyEnv', 'createdAt', 'updatedAt'] as const) {
    if (!optionalString(e[f])) return `${f} is not text`;
  }
  if (e.headers !== undefined && (!isRecord(e.headers) || Object.values(e.headers).some((v) => typeof v !== 'string'))) {
    return 'headers are not name/value text';
  }
  if (e.timeoutSeconds !== undefined && !(typeof e.timeoutSeconds === 'number' && e.timeoutSeconds > 0)) {
    return 'timeoutSeconds is not a positive number';
  }
  if (e.capabilities !== undefined && capabilitiesProblem(e.capabilities)) return 'capabilities are not valid overrides';
  return undefined;
}

function capabilitiesProblem(value: unknown): boolean {
  if (!isRecord(value)) return true;
  const { toolCalling, imageInput, contextWindow, maxOutputTokens, family } = value;
  const flag = (v: unknown) => v === undefined || typeof v === 'boolean';
  const count = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v > 0);
  return !flag(toolCalling) || !flag(imageInput) || !count(contextWindow) || !count(maxOutputTokens) || !optionalString(family);
}

export function parseDocument(raw: unknown): ParsedDocument {
  const doc: ParsedDocument = {
    raw,
    connections: [],
    invalid: [],
    defaultId: undefined,
    problem: undefined,
    readOnlyReason: undefined,
    extraFields: {},
  };
  if (raw === undefined || raw === null) return doc;
  if (!isRecord(raw)) {
    doc.problem = `the stored document is ${Array.isArray(raw) ? 'an array' : typeof raw}, not an object`;
    return doc;
  }
  const { version, connections, defaultId, ...extra } = raw;
  doc.extraFields = extra;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    doc.problem = `unknown document version ${JSON.stringify(version)}`;
    return doc;
  }
  if (version > CURRENT_VERSION) {
    doc.readOnlyReason = `The connections were saved by a newer version of AI Connections (format ${version}); update the extension to change them.`;
  }
  if (!Array.isArray(connections)) {
    doc.problem = `"connections" is ${typeof connections}, not a list`;
    return doc;
  }
  const ids = new Set<string>();
  // Names compared as sameName() does, through a set: one lookup per entry, not a scan of all before it.
  const names = new Set<string>();
  connections.forEach((entry, index) => {
    const bad = (reason: string) => {
      const rec = isRecord(entry) ? entry : {};
      doc.invalid.push({
        index,
        raw: entry,
        id: typeof rec.id === 'string' && rec.id ? rec.id : undefined,
        label: typeof rec.name === 'string' && rec.name ? rec.name : undefined,
        reason,
      });
    };
    if (!isRecord(entry)) return bad(`entry is ${Array.isArray(entry) ? 'a list' : typeof entry}, not an object`);
    const problem = entryProblem(entry);
    if (problem) return bad(problem);
    const c = entry as unknown as Connection;
    if (ids.has(c.id)) return bad('duplicate id');
    const nameKey = nameKeyOf(c.name);
    if (names.has(nameKey)) return bad('duplicate name');
    names.add(nameKey);
    ids.add(c.id);
    doc.connections.push({ ...c, createdAt: c.createdAt ?? '', updatedAt: c.updatedAt ?? '' });
  });
  if (typeof defaultId === 'string' && ids.has(defaultId)) doc.defaultId = defaultId;
  return doc;
}
