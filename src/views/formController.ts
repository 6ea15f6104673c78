// What the connection form does with each message of its webview: validate, save, test, fetch models, ask
// for a key. The host owns everything — it validates every message, writes the store, keeps the key — and
// the webview learns only whether a key (or a header value) is stored. Kept apart from the panel so a test can drive it without
// a webview.
import * as vscode from 'vscode';
import { storeErrorCode, type ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import type { ConnectionLookup } from '../connections/allConnections';
import { isTeamConnection } from '../connections/teamFile';
import type { ModelCache } from '../connections/modelCache';
import { resolveKey, targetFromConnection, targetFromDraft, testFingerprint } from '../connections/targetFromConnection';
import { applyKeyChoice } from '../flows/applyKeyChoice';
import type { StoredTestResult, TestResults } from '../connections/testResults';
import { modelsWithProgress } from '../flows/modelsWithProgress';
import { promptForKey } from '../flows/promptForKey';
import { errorMessage } from '../flows/reportError';
import { storedTestResult, testWithProgress } from '../flows/testWithProgress';
import { CommandId } from '../ids';
import { providers, type ProviderTarget } from '../providers';
import type { ExtensionSettings } from '../settings';
import { cloneDraft, draftFromConnection, EMPTY_DRAFT, type Connection, type ConnectionDraft } from '../shared/connection';
import { MAX_FORM_MODELS, parseFromWebview, type FromWebview, type KeyEnvState, type ProviderOption, type ToWebview } from '../shared/protocol';
import { byModelId } from '../shared/modelOrder';
import { hasErrors, validateDraft } from '../shared/validation';
import { storeKeyWithRetry } from './keyRetry';
import { formStrings } from './formStrings';
import { fieldsFromDraft } from './draftFields';
import { teamFormInit, teamSaveRefusal } from './teamForm';

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
  /** `env:NAME` chosen for a connection not saved yet: saved with it. */
  private pendingKeyEnv: string | undefined;
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
    return this.pendingKey !== undefined || this.keyEnvName() !== undefined || (this.id !== undefined && (await this.deps.vault.hasKey(this.id)));
  }

  /** The variable the key is read from: the stored connection's, or the one chosen for a new connection. */
  private keyEnvName(): string | undefined {
    return this.id ? this.connection()?.apiKeyEnv : this.pendingKeyEnv;
  }

  /** Shown read-only in the form, like the key state: a name, never the value. */
  private keyEnvState(): { keyEnv?: KeyEnvState } {
    const name = this.keyEnvName();
    return name ? { keyEnv: { name, set: Boolean(process.env[name]?.trim()) } } : {};
  }

  async postKeyState(): Promise<void> {
    if (!this.disposed) this.post({ type: 'keyState', hasApiKey: await this.hasKey(), ...this.keyEnvState() });
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
        return this.sendInit(false);
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
      case 'delete':
        // A team connection has no Delete (its file owns it): a message asking for one is ignored.
        if (this.id && !teamSaveRefusal(this.connection())) await vscode.commands.executeCommand(CommandId.deleteConnection, this.id);
        return;
    }
  }

  private otherNames(): string[] {
    return this.deps.connections.list().filter((c) => c.id !== this.id && !isTeamConnection(c)).map((c) => c.name);
  }

  /** @param fresh the webview drops the draft it kept (Reload after a conflict). */
  private async sendInit(fresh: boolean): Promise<void> {
    const c = this.connection();
    const draft = c ? draftFromConnection(c, this.deps.store.snapshot().defaultId === c.id) : { ...cloneDraft(EMPTY_DRAFT), provider: 'openai' };
    const team = await teamFormInit(c, draft, this.deps.vault);
    const options: ProviderOption[] = providers.map((p) => ({ id: p.id, label: p.label, defaultUrl: p.defaultUrl, keyRequired: p.keyRequired }));
    this.post({
      type: 'init',
      mode: c ? 'edit' : 'new',
      connectionId: c?.id ?? null,
      draft,
      hasApiKey: await this.hasKey(),
      ...(fresh ? { fresh: true } : {}),
      ...this.keyEnvState(),
      otherNames: this.otherNames(),
      providers: options,
      presets: this.deps.settings.presets().map((p) => p.name),
      strings: formStrings(),
      ...team,
    });
  }

  private async save(requestId: number, draft: ConnectionDraft): Promise<void> {
    const refusal = teamSaveRefusal(this.connection());
    if (refusal) return this.post({ type: 'saveResult', requestId, ok: false, errors: {}, message: refusal });
    const errors = validateDraft(draft, this.otherNames(), providers.map((p) => p.id));
    if (hasErrors(errors)) {
      this.post({ type: 'saveResult', requestId, ok: false, errors });
      return;
    }
    const { store, vault } = this.deps;
    const fields = fieldsFromDraft(draft, this.id ? await vault.headerValues(this.id) : undefined);
    try {
      if (this.id) {
        // Refused when the connection changed since the form read it (List Models, another window, …).
        await store.update(this.id, fields, { makeDefault: draft.isDefault, expectedUpdatedAt: draft.revision });
      } else {
        const created = await store.create({ ...fields, apiKeyEnv: this.pendingKeyEnv }, { makeDefault: draft.isDefault });
        this.id = created.id;
        this.pendingKeyEnv = undefined;
      }
    } catch (err) {
      if (storeErrorCode(err) === 'conflict') return this.conflict(requestId);
      this.post({
        type: 'saveResult',
        requestId,
        ok: false,
        errors: storeErrorCode(err) === 'nameDuplicate' ? { name: 'nameDuplicate' } : {},
        message: errorMessage(err),
      });
      return;
    }
    if (this.pendingKey) {
      // The connection exists now; its key must not be lost to a failed write: retried, and if it still fails
      // the form stays open holding the key, so Save tries again.
      const stored = await storeKeyWithRetry(() => vault.set(this.id!, this.pendingKey!), this.deps.log);
      if (!stored.ok) {
        const message = vscode.l10n.t('The connection was saved, but its API key could not be stored ({0}). Save again to retry, or use Set API Key later.', stored.message);
        void vscode.window.showErrorMessage(message);
        this.post({ type: 'saveResult', requestId, ok: false, errors: {}, message });
        return;
      }
      this.pendingKey = undefined;
    }
    this.deps.log.info(`saved connection ${this.id}`);
    if (this.draftTest) await this.recordIfCurrent(this.draftTest.fingerprint, this.draftTest.result);
    this.post({ type: 'saveResult', requestId, ok: true, errors: {} });
    this.close();
  }

  /** Save found the connection changed since the form read it: nothing is written; the user may reload. */
  private conflict(requestId: number): void {
    const name = this.connection()?.name ?? '';
    const message = vscode.l10n.t(
      '"{0}" was changed since this form opened (in another window, or by List Models). Your edits were not saved: reload the form to see the change.',
      name,
    );
    this.post({ type: 'saveResult', requestId, ok: false, errors: {}, message });
    const reload = vscode.l10n.t('Reload');
    void vscode.window.showWarningMessage(message, reload).then((answer) => {
      if (answer === reload && !this.disposed) return this.sendInit(true);
    });
  }

  /** Reloads the form from the stored connection, dropping the draft (what Reload after a conflict does). */
  reload(): Promise<void> {
    return this.sendInit(true);
  }

  private async draftTarget(draft: ConnectionDraft): Promise<ProviderTarget> {
    const keyEnv = this.keyEnvName();
    const key = keyEnv ? resolveKey({ apiKeyEnv: keyEnv }, undefined) : (this.pendingKey ?? (this.id ? await this.deps.vault.get(this.id) : undefined));
    const stored = this.id ? await this.deps.vault.headerValues(this.id) : undefined;
    // A team connection's form cannot change it: test what is stored, header values included.
    const c = this.connection();
    if (c && isTeamConnection(c)) return targetFromConnection(c, key, this.deps.settings.requestTimeoutSeconds(), stored);
    return { ...targetFromDraft(draft, key, this.deps.settings.requestTimeoutSeconds(), stored), ...(keyEnv ? { apiKeyEnv: keyEnv } : {}) };
  }

  private async fetchModels(requestId: number, draft: ConnectionDraft): Promise<void> {
    try {
      const models = await modelsWithProgress(this.deps, await this.draftTarget(draft), undefined);
      if (!models) {
        this.post({ type: 'modelsResult', requestId, ok: false, models: [], message: vscode.l10n.t('Cancelled.') });
        return;
      }
      // A huge list (a hostile or just enormous provider) is cut before it crosses to the webview: the first
      // MAX_FORM_MODELS by id, in the order the dropdown shows them, and the total for its status line.
      const shown = models.length > MAX_FORM_MODELS ? byModelId(models).slice(0, MAX_FORM_MODELS) : models;
      this.post({ type: 'modelsResult', requestId, ok: true, models: shown, ...(shown.length < models.length ? { total: models.length } : {}) });
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
    const current = targetFromConnection(c, await this.deps.vault.get(c.id), this.deps.settings.requestTimeoutSeconds(), await this.deps.vault.headerValues(c.id));
    if (testFingerprint(current) !== fingerprint) return false;
    await this.deps.results.set(c.id, result);
    return true;
  }

  private async setKey(): Promise<void> {
    const name = this.connection()?.name ?? vscode.l10n.t('the new connection');
    const choice = await promptForKey(name, await this.hasKey(), this.keyEnvName());
    if (!choice) return;
    const c = this.connection();
    if (c) await applyKeyChoice(this.deps, c, choice);
    else if (choice.kind === 'key') [this.pendingKey, this.pendingKeyEnv] = [choice.key, undefined];
    else [this.pendingKey, this.pendingKeyEnv] = [undefined, choice.name];
    await this.postKeyState();
  }

  dispose(): void {
    this.disposed = true;
    this.pendingKey = undefined;
    this.pendingKeyEnv = undefined;
    this.draftTest = undefined;
  }
}
