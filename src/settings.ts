// Reading and writing the extension's settings. Read at use, so a change applies at once.
import * as vscode from 'vscode';
import { parsePresets, type Preset } from './connections/presets';
import type { SidecarSettingsValues } from './connections/sidecar';
import type { ConnectionStore } from './connections/connectionStore';
import { reportError } from './flows/reportError';
import { SETTINGS_SECTION, type SettingKey } from './ids';
import { sameName } from './shared/validation';

const SECTION = SETTINGS_SECTION;
/** A setting's key, checked against the list in ids.ts. */
const key = (k: SettingKey): string => k;

export class ExtensionSettings implements vscode.Disposable {
  private readonly subscriptions: { dispose(): unknown }[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private reportedPresetProblems = '';
  private reportedSidecarProblems = '';
  /** Presets or sidecar settings changed. */
  readonly onDidChangePresetsOrSidecar = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${key('presets')}`) || e.affectsConfiguration(`${SECTION}.sidecar`)) this.changed.fire();
      }),
    );
  }

  private config() {
    return vscode.workspace.getConfiguration(SECTION);
  }

  requestTimeoutSeconds(): number {
    const v = this.config().get<number>(key('requestTimeoutSeconds'), 15);
    return typeof v === 'number' && v >= 1 && v <= 600 ? v : 15;
  }

  presets(): Preset[] {
    const { presets, problems } = parsePresets(this.config().get<unknown>(key('presets')));
    // Read on every generation: report a problem once, not on every read.
    const report = problems.join('\n');
    if (report !== this.reportedPresetProblems) {
      this.reportedPresetProblems = report;
      for (const p of problems) this.log.warn(`aiConnections.presets: ${p}`);
    }
    return presets;
  }

  sidecar(): SidecarSettingsValues {
    const c = this.config();
    const problems: string[] = [];
    // settings.json is hand-edited: a value of the wrong type is reported (once) and read as the default, so a
    // number where a name belongs never breaks the tree, the chat models or a request.
    const num = (k: SettingKey, fallback: number) => {
      const v = c.get<unknown>(key(k));
      if (v === undefined || (typeof v === 'number' && Number.isFinite(v))) return v ?? fallback;
      problems.push(`aiConnections.${k} is ${JSON.stringify(v)}, not a number; using ${fallback}`);
      return fallback;
    };
    const text = (k: SettingKey) => {
      const v = c.get<unknown>(key(k));
      if (v === undefined || v === null || typeof v === 'string') return v ?? '';
      problems.push(`aiConnections.${k} is ${JSON.stringify(v)}, not text; ignored`);
      return '';
    };
    const values = {
      connection: text('sidecar.connection'),
      model: text('sidecar.model'),
      temperature: num('sidecar.temperature', 0.7),
      topP: num('sidecar.topP', 0.9),
      maxTokens: num('sidecar.maxTokens', 1024),
    };
    const report = problems.join('\n');
    if (report !== this.reportedSidecarProblems) {
      this.reportedSidecarProblems = report;
      for (const p of problems) this.log.warn(p);
    }
    return values;
  }

  /** Whether the sidecar is VS Code chat's utility model (titles, summaries, commit messages). */
  sidecarIsChatUtilityModel(): boolean {
    return this.config().get<unknown>(key('sidecar.chatUtilityModel')) === true;
  }

  async setSidecarIsChatUtilityModel(on: boolean): Promise<void> {
    await this.config().update(key('sidecar.chatUtilityModel'), on, vscode.ConfigurationTarget.Global);
  }

  /** Writes where the value is defined now (workspace folder, workspace or user), so the write takes effect. */
  async setSidecarConnection(name: string | undefined): Promise<void> {
    const config = this.config();
    const where = config.inspect<string>(key('sidecar.connection'));
    const target =
      where?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : where?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(key('sidecar.connection'), name, target);
  }

  /** Keeps `sidecar.connection` pointing at the same connection when it is renamed or deleted. */
  followConnection(store: ConnectionStore): void {
    const sameAsSidecar = (name: string) => sameName(this.sidecar().connection, name);
    // The rename or delete has happened; if the setting cannot follow, it now names the wrong connection: say so.
    const follow = (name: string | undefined): void => {
      this.setSidecarConnection(name).catch((err: unknown) =>
        reportError({ log: this.log }, vscode.l10n.t('Could not update the setting {0}', `${SECTION}.${key('sidecar.connection')}`), err),
      );
    };
    this.subscriptions.push(
      store.onDidUpdate(({ before, after }) => {
        if (before.name !== after.name && sameAsSidecar(before.name)) follow(after.name);
      }),
      store.onDidDelete(({ name }) => {
        if (sameAsSidecar(name)) follow(undefined);
      }),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
