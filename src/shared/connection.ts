// The connection model shared by the extension host and the webview. No vscode, no Node.

import type { StoredConnection } from './storedConnection';
import type { capabilityOverridesSchema } from './connectionFile';
import type { InferOutput } from 'valibot';

/** A stored connection (shape: storedConnection.ts). Unknown fields written by a newer version are carried along untouched. */
export type Connection = StoredConnection;

/** What the user says the model can do, over what the provider's list and the known-model table say. */
export type CapabilityOverrides = InferOutput<typeof capabilityOverridesSchema>;

/** The fields a user edits, as create() and update() take them. */
export type ConnectionFields = Pick<Connection, 'name' | 'provider' | 'model' | 'apiUrl' | 'presetName' | 'headerNames' | 'timeoutSeconds' | 'capabilities'> & {
  /**
   * Extra request headers (proxies, org ids) with their values: the store keeps the names and puts the values
   * in SecretStorage, beside the key. Never an auth header (the key has its own entry).
   */
  headers?: Record<string, string>;
};

/** What the form edits: every user-editable field, as text where the user types text. */
export interface ConnectionDraft {
  name: string;
  provider: string;
  model: string;
  apiUrl: string;
  presetName: string;
  isDefault: boolean;
  headers: HeaderRow[];
  timeoutSeconds: string;
  capabilities: CapabilitiesDraft;
  /** The stored connection's `updatedAt` this draft started from: Save refuses when it has changed since. */
  revision?: string;
}

/** A capability flag in the form: '' leaves it to detection. */
export type CapabilityChoice = '' | 'yes' | 'no';

/** The capability overrides as the form edits them; '' everywhere means "as detected". */
export interface CapabilitiesDraft {
  toolCalling: CapabilityChoice;
  imageInput: CapabilityChoice;
  contextWindow: string;
  maxOutputTokens: string;
  family: string;
}

export interface HeaderRow {
  name: string;
  /** Typed in the form; never sent to it. Empty with `stored`: keep the value stored for this name. */
  value: string;
  /** A value is stored for this name (in SecretStorage); the form shows the value field write-only. */
  stored?: boolean;
}

export const EMPTY_DRAFT: ConnectionDraft = {
  name: '',
  provider: '',
  model: '',
  apiUrl: '',
  presetName: '',
  isDefault: false,
  headers: [],
  timeoutSeconds: '',
  capabilities: { toolCalling: '', imageInput: '', contextWindow: '', maxOutputTokens: '', family: '' },
};

/** The fields of a draft that can carry a validation error. */
export type DraftField =
  | 'name'
  | 'provider'
  | 'model'
  | 'apiUrl'
  | 'presetName'
  | 'headers'
  | 'timeoutSeconds'
  | 'contextWindow'
  | 'maxOutputTokens';

/** Validation problems as codes; each side turns them into localized text. */
export type ValidationCode =
  | 'nameRequired'
  | 'nameTooLong'
  | 'nameDuplicate'
  | 'providerRequired'
  | 'providerUnknown'
  | 'urlInvalid'
  | 'urlScheme'
  | 'headerNameInvalid'
  | 'headerAuth'
  | 'headerDuplicate'
  | 'timeoutInvalid'
  | 'tokensInvalid';

export type FieldErrors = Partial<Record<DraftField, ValidationCode>>;

export function draftFromConnection(c: Connection, isDefault: boolean): ConnectionDraft {
  return {
    name: c.name,
    provider: c.provider,
    model: c.model ?? '',
    apiUrl: c.apiUrl ?? '',
    presetName: c.presetName ?? '',
    isDefault,
    // Header values are secrets: the form gets the names only, each marked as having a stored value.
    headers: (c.headerNames ?? []).map((name) => ({ name, value: '', stored: true })),
    timeoutSeconds: c.timeoutSeconds === undefined ? '' : String(c.timeoutSeconds),
    capabilities: capabilitiesDraftOf(c.capabilities),
    revision: c.updatedAt,
  };
}

/** A deep copy: the form edits its draft in place, and what it posts or persists must not change under it. */
export function cloneDraft(d: ConnectionDraft): ConnectionDraft {
  return { ...d, headers: d.headers.map((h) => ({ ...h })), capabilities: { ...d.capabilities } };
}

const choiceOf = (v: boolean | undefined): CapabilityChoice => (v === undefined ? '' : v ? 'yes' : 'no');
const countText = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function capabilitiesDraftOf(c: CapabilityOverrides | undefined): CapabilitiesDraft {
  return {
    toolCalling: choiceOf(c?.toolCalling),
    imageInput: choiceOf(c?.imageInput),
    contextWindow: countText(c?.contextWindow),
    maxOutputTokens: countText(c?.maxOutputTokens),
    family: c?.family ?? '',
  };
}

/**
 * The overrides a (valid) draft stores: only the fields it sets, and undefined when it sets none, so a
 * connection left at "detect" has no `capabilities` at all.
 */
export function capabilitiesFromDraft(d: CapabilitiesDraft): CapabilityOverrides | undefined {
  const out: CapabilityOverrides = {};
  if (d.toolCalling) out.toolCalling = d.toolCalling === 'yes';
  if (d.imageInput) out.imageInput = d.imageInput === 'yes';
  if (d.contextWindow.trim()) out.contextWindow = Number(d.contextWindow.trim());
  if (d.maxOutputTokens.trim()) out.maxOutputTokens = Number(d.maxOutputTokens.trim());
  if (d.family.trim()) out.family = d.family.trim();
  return Object.keys(out).length ? out : undefined;
}

/** Whether a draft sets anything kept in the form's Advanced section (which then opens by itself). */
export function hasAdvancedValues(d: ConnectionDraft): boolean {
  return d.headers.length > 0 || d.timeoutSeconds.trim() !== '' || capabilitiesFromDraft(d.capabilities) !== undefined;
}
