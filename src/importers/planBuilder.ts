// Collects a format's entries into a plan: drops what a connection cannot hold, sorts credential headers out
// of the headers, and makes names unique ignoring case. Every format builds its plan through this.
import { validateHeaders } from '../shared/validation';
import { isEnvName } from './secretRefs';
import { resolveTarget, type ProviderChoice } from './providerTarget';
import type { ImportFormat, ImportPlan, ImportedConnection } from './types';
import { uniqueName } from './uniqueNames';

/** One entry of a file, before the provider and URL rules are applied. */
export interface Entry extends Omit<ImportedConnection, 'provider' | 'name'> {
  /** The entry's own name, else its id. */
  name: string | undefined;
  /** The source's provider id, for a skip reason. */
  providerLabel: string;
  choice: ProviderChoice;
  url?: string;
}

function isCredentialHeader(name: string): boolean {
  return validateHeaders([{ name, value: 'x' }]) === 'headerAuth';
}

function isHeaderName(name: string): boolean {
  return validateHeaders([{ name, value: 'x' }]) === undefined;
}

/** A key found in a credential header (`Authorization: Bearer …`, `api-key: …`). */
function keyOfHeader(value: string): string | undefined {
  const key = value.replace(/^\s*Bearer\s+/i, '').trim();
  return key === '' ? undefined : key;
}

export class PlanBuilder {
  private readonly connections: ImportedConnection[] = [];
  private readonly skipped: ImportPlan['skipped'] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly format: ImportFormat) {}

  skip(source: string, reason: string): void {
    this.skipped.push({ source, reason });
  }

  add(entry: Entry): void {
    const { choice, url, providerLabel, name, ...fields } = entry;
    const trimmed = name?.trim();
    if (!trimmed) return this.skip(entry.source, 'it has no name or id');
    const target = resolveTarget(choice, url, providerLabel);
    if ('skip' in target) return this.skip(entry.source, target.skip);
    const out: ImportedConnection = { ...fields, name: uniqueName(trimmed, this.taken), ...target };
    if (out.model !== undefined && out.model.trim() === '') delete out.model;
    if (out.apiKey !== undefined && out.apiKey.trim() === '') delete out.apiKey;
    if (out.apiKey !== undefined) delete out.apiKeyEnv;
    if (out.apiKeyEnv !== undefined && !isEnvName(out.apiKeyEnv)) delete out.apiKeyEnv;
    this.sortHeaders(out);
    this.connections.push(prune(out));
  }

  plan(): ImportPlan {
    return { format: this.format, connections: this.connections, skipped: this.skipped };
  }

  /** Credential headers carry the key (ours lives in SecretStorage), other invalid names are dropped. */
  private sortHeaders(out: ImportedConnection): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(out.headers ?? {})) {
      if (isCredentialHeader(name)) out.apiKey ??= keyOfHeader(value);
      else if (isHeaderName(name)) headers[name] = value;
    }
    out.headers = Object.keys(headers).length ? headers : undefined;
    if (out.apiKey !== undefined) delete out.apiKeyEnv;
    const names = (out.headerNames ?? []).filter((n) => isHeaderName(n) && !(n in headers));
    out.headerNames = names.length ? names : undefined;
  }
}

/** Without the fields that are undefined, so a plan compares and prints cleanly. */
function prune(c: ImportedConnection): ImportedConnection {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(c)) if (value !== undefined) out[k] = value;
  return out as unknown as ImportedConnection;
}
