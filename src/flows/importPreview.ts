// The one home of "offer connections, create the ones the user keeps": Discover and Import from File both end
// here. Nothing is written until the user confirms the multi-select; each kept connection is created, and
// its key goes straight to SecretStorage (never to globalState, the log or a message). The result says what
// was created and what was skipped, and why.
import * as v from 'valibot';
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import type { ImportedConnection } from '../importers/types';
import { getProvider, normalizeBaseUrl } from '../providers';
import type { Connection, ConnectionFields } from '../shared/connection';
import { envVariableNameSchema } from '../shared/connectionFile';
import { nameKeyOf, validateHeaders, validateUrl } from '../shared/validation';
import { errorMessage } from './reportError';

export interface OfferedConnection {
  connection: ImportedConnection;
  /** Every model the source offers (a local server's list); the connection takes the first. */
  models?: string[];
  /** Shown with the entry (e.g. "needs a key"). */
  note?: string;
}

export interface PreviewDeps {
  store: ConnectionStore;
  vault: KeyVault;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
}

export interface PreviewOptions {
  /** The QuickPick's title ("Import from roo-code-settings.json", "Discovered connections"). */
  title: string;
  /** What the source itself could not use, reported with the result. */
  skipped?: readonly { source: string; reason: string }[];
  /** Leave out entries that match an existing connection (same provider, URL and key variable): re-running Discover adds nothing twice. */
  skipExisting?: boolean;
}

export interface ImportOutcome {
  created: Connection[];
  skipped: { name: string; reason: string }[];
  /** Entries the user unticked. */
  leftOut: number;
}

interface Candidate {
  offer: OfferedConnection;
  name: string;
  renamedFrom?: string;
}

const urlKey = (provider: string, apiUrl: string | undefined) => {
  const url = apiUrl || getProvider(provider)?.defaultUrl || '';
  try {
    return normalizeBaseUrl(url).toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

function sameAsExisting(c: ImportedConnection, existing: readonly Connection[]): Connection | undefined {
  return existing.find((e) => e.provider === c.provider && urlKey(e.provider, e.apiUrl) === urlKey(c.provider, c.apiUrl) && (e.apiKeyEnv ?? '') === (c.apiKeyEnv ?? ''));
}

/** A name unique among `taken` (compared as the store compares them), with " (2)", " (3)" … when needed. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(nameKeyOf(candidate)); n++) candidate = `${name} (${n})`;
  taken.add(nameKeyOf(candidate));
  return candidate;
}

/** What the preview says about the key: stored with it, read from a variable, or none. */
function keyNote(c: ImportedConnection): string {
  if (c.apiKey) return vscode.l10n.t('key included (stored in secret storage)');
  if (c.apiKeyEnv) return process.env[c.apiKeyEnv]?.trim() ? vscode.l10n.t('key from ${0}', c.apiKeyEnv) : vscode.l10n.t('key from ${0} (not set now)', c.apiKeyEnv);
  return getProvider(c.provider)?.keyRequired === false ? vscode.l10n.t('no key needed') : vscode.l10n.t('no key: set one after import');
}

function fieldsOf(c: ImportedConnection, name: string): ConnectionFields & Record<string, unknown> {
  const headerNames = (c.headerNames ?? []).filter((h) => !c.headers || !(h in c.headers));
  return {
    name,
    provider: c.provider,
    ...(c.model ? { model: c.model } : {}),
    ...(c.apiUrl ? { apiUrl: c.apiUrl } : {}),
    ...(c.presetName ? { presetName: c.presetName } : {}),
    ...(c.apiKeyEnv ? { apiKeyEnv: c.apiKeyEnv } : {}),
    ...(c.timeoutSeconds !== undefined ? { timeoutSeconds: c.timeoutSeconds } : {}),
    ...(c.capabilities && Object.keys(c.capabilities).length ? { capabilities: { ...c.capabilities } } : {}),
    // Header values live with the connection in this version of the store (src/connections/connectionStore.ts).
    ...(c.headers && Object.keys(c.headers).length ? { headers: { ...c.headers } } : {}),
    // Names without values (our export): kept, so the form can ask for them.
    ...(headerNames.length ? { headerNames } : {}),
  };
}

/** Shows the offers, creates the kept ones; undefined when the user cancels (nothing is written then). */
export async function previewAndCreate(deps: PreviewDeps, offers: readonly OfferedConnection[], options: PreviewOptions): Promise<ImportOutcome | undefined> {
  const skipped: ImportOutcome['skipped'] = (options.skipped ?? []).map((s) => ({ name: s.source, reason: s.reason }));
  const existing = deps.store.list();
  const taken = new Set(existing.map((c) => nameKeyOf(c.name)));
  const candidates: Candidate[] = [];
  for (const offer of offers) {
    const c = offer.connection;
    if (!getProvider(c.provider)) {
      skipped.push({ name: c.name, reason: vscode.l10n.t('unknown provider "{0}"', c.provider) });
      continue;
    }
    if (c.apiKeyEnv && !v.safeParse(envVariableNameSchema, c.apiKeyEnv).success) {
      skipped.push({ name: c.name, reason: vscode.l10n.t('"{0}" is not an environment variable name', c.apiKeyEnv) });
      continue;
    }
    if (c.apiUrl && validateUrl(c.apiUrl)) {
      skipped.push({ name: c.name, reason: vscode.l10n.t('its API URL is not a usable http(s) URL') });
      continue;
    }
    if (c.headers && validateHeaders(Object.entries(c.headers).map(([name, value]) => ({ name, value })))) {
      skipped.push({ name: c.name, reason: vscode.l10n.t('its custom headers are not valid (or carry credentials, which go in the API key)') });
      continue;
    }
    const twin = options.skipExisting ? sameAsExisting(c, existing) : undefined;
    if (twin) {
      skipped.push({ name: c.name, reason: vscode.l10n.t('already a connection: {0}', twin.name) });
      continue;
    }
    const name = uniqueName(c.name.trim() || c.provider, taken);
    candidates.push({ offer, name, ...(name !== c.name.trim() ? { renamedFrom: c.name.trim() } : {}) });
  }
  if (candidates.length === 0) {
    reportOutcome(deps, { created: [], skipped, leftOut: 0 });
    return { created: [], skipped, leftOut: 0 };
  }

  // Items carry an index, not the candidate: nothing secret is handed to the QuickPick.
  const items = candidates.map((candidate, index) => {
    const c = candidate.offer.connection;
    const provider = getProvider(c.provider)?.label ?? c.provider;
    const models = candidate.offer.models ?? [];
    const detail = [
      keyNote(c),
      models.length > 1 ? vscode.l10n.t('{0} models', models.length) : undefined,
      candidate.renamedFrom ? vscode.l10n.t('renamed: "{0}" exists', candidate.renamedFrom) : undefined,
      candidate.offer.note,
      c.source,
    ].filter(Boolean).join(' · ');
    return { label: candidate.name, description: [provider, c.model || vscode.l10n.t('no model')].join(' · '), detail, picked: true, index };
  });
  const kept = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: vscode.l10n.t('Enter creates the ticked connections; nothing is written before.'),
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!kept) return undefined;

  const chosen = kept.map(({ index }) => candidates[index]!);
  const created = await createAll(deps, chosen, skipped);
  const outcome = { created, skipped, leftOut: candidates.length - kept.length };
  reportOutcome(deps, outcome);
  return outcome;
}

/**
 * One store write for the whole batch: VS Code echoes each globalState write back asynchronously, and a burst
 * of single writes let an older echo briefly stand in for the newer value (a read then missed the last ones).
 * Only if the batch is refused (a name taken meanwhile) is each tried on its own, so one bad entry costs only itself.
 */
async function createAll(deps: PreviewDeps, chosen: readonly Candidate[], skipped: ImportOutcome['skipped']): Promise<Connection[]> {
  let created: Connection[];
  try {
    created = await deps.store.createAll(chosen.map((k) => fieldsOf(k.offer.connection, k.name)));
  } catch {
    created = [];
    for (const k of chosen) {
      try {
        created.push(await deps.store.create(fieldsOf(k.offer.connection, k.name)));
      } catch (err) {
        skipped.push({ name: k.name, reason: errorMessage(err) });
      }
    }
  }
  for (const connection of created) {
    const key = chosen.find((k) => k.name === connection.name)?.offer.connection.apiKey;
    if (key) await deps.vault.set(connection.id, key);
  }
  return created;
}

function reportOutcome(deps: PreviewDeps, o: ImportOutcome): void {
  // Names and reasons only: sources and reasons never hold a key (importers' contract).
  for (const c of o.created) deps.log.info(`imported connection ${c.id} ("${c.name}", ${c.provider})`);
  for (const s of o.skipped) deps.log.warn(`import skipped "${s.name}": ${s.reason}`);
  const parts: string[] = [];
  if (o.created.length) parts.push(vscode.l10n.t('Created {0}: {1}.', o.created.length, o.created.map((c) => c.name).join(', ')));
  else parts.push(vscode.l10n.t('No connection created.'));
  if (o.skipped.length) parts.push(vscode.l10n.t('Skipped {0}: {1}.', o.skipped.length, o.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')));
  if (o.leftOut) parts.push(vscode.l10n.t('{0} left out.', o.leftOut));
  const message = parts.join(' ');
  if (o.created.length) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
}
