// The connection model shared by the extension host and the webview. No vscode, no Node.

/** The fields a user edits. */
export interface ConnectionFields {
  name: string;
  provider: string;
  model?: string;
  apiUrl?: string;
  presetName?: string;
  /** Extra request headers (proxies, org ids). Never an auth header: keys live in SecretStorage. */
  headers?: Record<string, string>;
  /** Per-connection request timeout; the `aiConnections.requestTimeoutSeconds` setting otherwise. */
  timeoutSeconds?: number;
  /** What the user says the model can do, over what the provider's list and the known-model table say. */
  capabilities?: CapabilityOverrides;
}

/** A connection's overrides of its model's capabilities (each optional: unset means "as detected"). */
export interface CapabilityOverrides {
  toolCalling?: boolean;
  imageInput?: boolean;
  contextWindow?: number;
  maxOutputTokens?: number;
  family?: string;
}

/** A stored connection. Unknown fields written by a newer version are carried along untouched. */
export interface Connection extends ConnectionFields {
  id: string;
  createdAt: string;
  updatedAt: string;
  [unknownField: string]: unknown;
}

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
}

export interface HeaderRow {
  name: string;
  value: string;
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
};

/** The fields of a draft that can carry a validation error. */
export type DraftField = 'name' | 'provider' | 'model' | 'apiUrl' | 'presetName' | 'headers' | 'timeoutSeconds';

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
  | 'timeoutInvalid';

export type FieldErrors = Partial<Record<DraftField, ValidationCode>>;

export function draftFromConnection(c: Connection, isDefault: boolean): ConnectionDraft {
  return {
    name: c.name,
    provider: c.provider,
    model: c.model ?? '',
    apiUrl: c.apiUrl ?? '',
    presetName: c.presetName ?? '',
    isDefault,
    headers: Object.entries(c.headers ?? {}).map(([name, value]) => ({ name, value })),
    timeoutSeconds: c.timeoutSeconds === undefined ? '' : String(c.timeoutSeconds),
  };
}
