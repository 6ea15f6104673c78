// What the connection form does with each message of its webview: validate, save, test, fetch models, ask
// for a key. The host owns everything — it validates every message, writes the store, keeps the key — and
// the webview learns only whether a key is stored. Kept apart from the panel so a test can drive it without
// a webview.
import * as vscode from 'vscode';
import { StoreError, type ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import type { ConnectionLookup } from '../connections/allConnections';
import { isTeamConnection, TEAM_FILE_PATH } from '../connections/teamFile';
import type { ModelCache } from '../connections/modelCache';
import { targetFromConnection, targetFromDraft, testFingerprint } from '../connections/target';
import type { StoredTestResult, TestResults } from '../connections/testResults';
import { modelsWithProgress } from '../flows/modelsWithProgress';
import { promptForKey } from '../flows/promptForKey';
import { errorMessage } from '../flows/reportError';
import { storedTestResult, testWithProgress } from '../flows/testWithProgress';
import { CommandId } from '../ids';
import { providers, type ProviderTarget } from '../providers';
import type { ExtensionSettings } from '../settings';
import { capabilitiesFromDraft, cloneDraft, draftFromConnection, EMPTY_DRAFT, type Connection, type ConnectionDraft } from '../shared/connection';
import { parseFromWebview, type FromWebview, type ProviderOption, type ToWebview } from '../shared/protocol';
import { hasErrors, headersFromRows, validateDraft } from '../shared/validation';
import { formStrings } from './formStrings';

/** What a connection form needs from the extension. */
export interface FormDeps {
  store: ConnectionStore;
  /** Personal and team connections: a team connection's form is read-only but for its key. */
  connections: Pick<ConnectionLookup, 'get' | 'list'>;
  vault: KeyVault;
  results: TestResults;
  models: ModelCache;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;
  settings: Pick<ExtensionSettings, 'presets' | 'requestTimeoutSeconds'>;
}

export class ConnectionFormController {
  /** A key entered for a connection not saved yet: held here, in the extension host, until Save. */
  private pendingKey: string | undefined;
  /** The last test of a draft that differed from the stored connection: recorded if Save makes it true. */
  private draftTest: { fingerprint: string; result: StoredTestResult } | undefined;
  private disposed = false;

  constructor(
    private readonly deps: FormDeps,
    private id: string | undefined,
    private readonly post: (msg: ToWebview) => void,
    private readonly close: () => void,
  ) {}

  /** The connection being edited; undefined for a new one until it is saved. */
  get connectionId(): string | undefined {
    return this.id;
  }

  connection(): Connection | undefined {
    return this.id ? this.deps.connections.get(this.id) : undefined;
  }

  private async hasKey(): Promise<boolean> {
    return this.pendingKey !== undefined || (this.id !== undefined && (await this.deps.vault.hasKey(this.id)));
  }

  async postKeyState(): Promise<void> {
    if (!this.disposed) this.post({ type: 'keyState', hasApiKey: await this.hasKey() });
  }

  async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) {
      // Only the shape is logged: a malformed message is ignored and changes nothing.
      const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
      this.deps.log.warn(`ignored a malformed message from the connection form (type: ${type})`);
      return;
    }
    try {
      await this.handle(msg);
    } catch (err) {
      const message = errorMessage(err);
      this.deps.log.error(`connection form: ${message}`);
      // Every request gets an answer, a failure included: otherwise its button stays busy ("Testing…") forever.
      if (!this.disposed) this.answerFailure(msg, message);
    }
  }

  private answerFailure(msg: FromWebview, message: string): void {
    switch (msg.type) {
      case 'save':
        return this.post({ type: 'saveResult', requestId: msg.requestId, ok: false, errors: {}, message });
      case 'fetchModels':
        return this.post({ type: 'modelsResult', requestId: msg.requestId, ok: false, models: [], message });
      case 'test':
        return this.post({ type: 'testResult', requestId: msg.requestId, ok: false, message });
      default:
        return;
    }
  }

  private async handle(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'save':
        return this.save(msg.requestId, msg.draft);
      case 'fetchModels':
        return this.fetchModels(msg.requestId, msg.draft);
      case 'test':
        return this.test(msg.requestId, msg.draft);
      case 'setApiKey':
        return this.setKey();
      case 'cancel':
        return this.close();
      case 'delete': {
        const c = this.connection();
        if (!this.id || (c && isTeamConnection(c))) return;
        await vscode.commands.executeCommand(CommandId.deleteConnection, this.id);
        return;
      }
    }
  }

  private otherNames(): string[] {
    return this.deps.connections.list().filter((c) => c.id !== this.id && !isTeamConnection(c)).map((c) => c.name);
  }

  private async sendInit(): Promise<void> {
    const c = this.connection();
    const draft = c ? draftFromConnection(c, this.deps.store.snapshot().defaultId === c.id) : { ...cloneDraft(EMPTY_DRAFT), provider: 'openai' };
    // A team connection's header values are the user's secrets: the form shows the names its file lists only.
    if (c && isTeamConnection(c)) draft.headers = (c.team.headerNames ?? []).map((name) => ({ name, value: '' }));
    const options: ProviderOption[] = providers.map((p) => ({ id: p.id, label: p.label, defaultUrl: p.defaultUrl, keyRequired: p.keyRequired }));
    this.post({
      type: 'init',
      mode: c ? 'edit' : 'new',
      connectionId: c?.id ?? null,
      draft,
      hasApiKey: await this.hasKey(),
      otherNames: this.otherNames(),
      providers: options,
      presets: this.deps.settings.presets().map((p) => p.name),
      strings: formStrings(),
      ...(c && isTeamConnection(c)
        ? { readOnly: vscode.l10n.t('A team connection of {0}, shared through {1}: change it there. Only the API key is yours, kept on this machine.', c.team.folderName, TEAM_FILE_PATH) }
        : {}),
    });
  }

  private async save(requestId: number, draft: ConnectionDraft): Promise<void> {
    const current = this.connection();
    if (current && isTeamConnection(current)) {
      this.post({ type: 'saveResult', requestId, ok: false, errors: {}, message: vscode.l10n.t('A team connection is changed in {0}.', TEAM_FILE_PATH) });
      return;
    }
    const errors = validateDraft(draft, this.otherNames(), providers.map((p) => p.id));
    if (hasErrors(errors)) {
      this.post({ type: 'saveResult', requestId, ok: false, errors });
      return;
    }
    const timeout = draft.timeoutSeconds.trim();
    const fields = {
      name: draft.name.trim(),
      provider: draft.provider,
      model: draft.model.trim() || undefined,
      apiUrl: draft.apiUrl.trim() || undefined,
      presetName: draft.presetName || undefined,
      headers: headersFromRows(draft.headers),
      timeoutSeconds: timeout ? Number(timeout) : undefined,
      capabilities: capabilitiesFromDraft(draft.capabilities),
    };
    const { store, vault } = this.deps;
    try {
      if (this.id) {
        await store.update(this.id, fields, { makeDefault: draft.isDefault });
      } else {
        const created = await store.create(fields, { makeDefault: draft.isDefault });
        this.id = created.id;
        if (this.pendingKey) await vault.set(created.id, this.pendingKey);
        this.pendingKey = undefined;
      }
    } catch (err) {
      this.post({
        type: 'saveResult',
        requestId,
        ok: false,
        errors: err instanceof StoreError && err.code === 'nameDuplicate' ? { name: 'nameDuplicate' } : {},
        message: errorMessage(err),
      });
      return;
    }
    this.deps.log.info(`saved connection ${this.id}`);
    if (this.draftTest) await this.recordIfCurrent(this.draftTest.fingerprint, this.draftTest.result);
    this.post({ type: 'saveResult', requestId, ok: true, errors: {} });
    this.close();
  }

  private async draftTarget(draft: ConnectionDraft): Promise<ProviderTarget> {
    const key = this.pendingKey ?? (this.id ? await this.deps.vault.get(this.id) : undefined);
    // A team connection's form cannot change it: test what is stored, header values included.
    const c = this.connection();
    if (c && isTeamConnection(c)) return targetFromConnection(c, key, this.deps.settings.requestTimeoutSeconds());
    return targetFromDraft(draft, key, this.deps.settings.requestTimeoutSeconds());
  }

  private async fetchModels(requestId: number, draft: ConnectionDraft): Promise<void> {
    try {
      const models = await modelsWithProgress(this.deps, await this.draftTarget(draft), undefined);
      if (!models) {
        this.post({ type: 'modelsResult', requestId, ok: false, models: [], message: vscode.l10n.t('Cancelled.') });
        return;
      }
      this.post({ type: 'modelsResult', requestId, ok: true, models });
    } catch (err) {
      this.post({ type: 'modelsResult', requestId, ok: false, models: [], message: errorMessage(err) });
    }
  }

  private async test(requestId: number, draft: ConnectionDraft): Promise<void> {
    const target = await this.draftTarget(draft);
    const result = await testWithProgress(this.deps, target, vscode.l10n.t('Testing {0}…', draft.name || draft.provider));
    if (!result) {
      this.post({ type: 'testResult', requestId, ok: false, message: vscode.l10n.t('Cancelled.') });
      return;
    }
    const stored = storedTestResult(result);
    const fingerprint = testFingerprint(target);
    // Like the tree's Test, the result becomes the connection's last test — but only when it describes the
    // stored connection; a draft's result waits for Save (and is dropped if the saved fields differ).
    this.draftTest = (await this.recordIfCurrent(fingerprint, stored)) ? undefined : { fingerprint, result: stored };
    this.post({ type: 'testResult', requestId, ok: result.ok, message: stored.message });
  }

  /** Records a test result for the stored connection when it was made with exactly its fields and key. */
  private async recordIfCurrent(fingerprint: string, result: StoredTestResult): Promise<boolean> {
    const c = this.connection();
    if (!c) return false;
    const current = targetFromConnection(c, await this.deps.vault.get(c.id), this.deps.settings.requestTimeoutSeconds());
    if (testFingerprint(current) !== fingerprint) return false;
    await this.deps.results.set(c.id, result);
    return true;
  }

  private async setKey(): Promise<void> {
    const name = this.connection()?.name ?? vscode.l10n.t('the new connection');
    const key = await promptForKey(name, await this.hasKey());
    if (!key) return;
    if (this.id) await this.deps.vault.set(this.id, key);
    else this.pendingKey = key;
    await this.postKeyState();
  }

  dispose(): void {
    this.disposed = true;
    this.pendingKey = undefined;
    this.draftTest = undefined;
  }
}
