// The rules a connection's fields meet before they are stored, whoever writes them (the form, Duplicate, an
// import): the URL rule (src/shared/apiUrl.ts: the normal form is stored) and the credential-header rule
// (isCredentialHeader in src/shared/validation.ts). Name uniqueness is checked by the store against the others.
import { ApiUrlError, storedApiUrl } from '../shared/apiUrl';
import type { Connection, ConnectionFields } from '../shared/connection';
import { isCredentialHeader, sameName } from '../shared/validation';
import { StoreError } from './storeTypes';

export class FieldRuleError extends Error {
  constructor(
    readonly code: 'invalidUrl' | 'credentialHeader',
    message: string,
  ) {
    super(message);
    this.name = 'FieldRuleError';
  }
}

/** The fields as stored: `apiUrl` in normal form. Throws FieldRuleError when a rule does not hold. */
export function storableFields<T extends Partial<ConnectionFields>>(fields: T): T {
  const out = { ...fields };
  if (typeof fields.apiUrl === 'string') {
    try {
      out.apiUrl = storedApiUrl(fields.apiUrl);
    } catch (err) {
      throw new FieldRuleError('invalidUrl', err instanceof ApiUrlError ? err.message : String(err));
    }
  }
  const credential = [...Object.keys(fields.headers ?? {}), ...(fields.headerNames ?? [])].find(isCredentialHeader);
  if (credential !== undefined) {
    throw new FieldRuleError('credentialHeader', `"${credential}" carries a key and cannot be a custom header; use Set API Key.`);
  }
  return out;
}

/** Names are unique, ignoring case: the one check every write makes against the connections it knows. */
export function assertUniqueName(connections: readonly Pick<Connection, 'id' | 'name'>[], name: string, exceptId?: string): void {
  if (connections.some((c) => c.id !== exceptId && sameName(c.name, name))) {
    throw new StoreError('nameDuplicate', `A connection named "${name.trim()}" already exists`);
  }
}

/** Unset and empty fields are left out of what is stored. */
export function dropEmpty<T extends object>(fields: T): T {
  const out = { ...fields } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === undefined || v === '') delete out[k];
  return out as T;
}
