// Reading and writing the extension's settings. Read at use, so a change applies at once.
import * as vscode from 'vscode';
import { parsePresets, type Preset } from './connections/presets';
import type { SidecarSettingsValues } from './connections/sidecar';
import type { ConnectionStore } from './connections/connectionStore';
import { reportError } from './flows/reportError';
import { SETTINGS_SECTION, type SettingKey } from './ids';

const SECTION = SETTINGS_SECTION;
/** A setting's key, checked against the list in ids.ts. */
const key = (k: SettingKey): string => k;

export class ExtensionSettings implements vscode.Disposable {
  private readonly subscriptions: { dispose(): unknown }[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private reportedPresetProblems = '';
  /** Presets or sidecar settings changed. */
  readonly onDidChange = this.changed.event;

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
      for (const p of problems) this.log.warn(`aiConnections.presets: ${p}; skipped`);
    }
    return presets;
  }

  sidecar(): SidecarSettingsValues {
    const c = this.config();
    const num = (key: string, fallback: number) => {
      const v = c.get<unknown>(key);
      return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
    };
    return {
      connection: c.get<string>(key('sidecar.connection'), '') ?? '',
      model: c.get<string>(key('sidecar.model'), '') ?? '',
      temperature: num(key('sidecar.temperature'), 0.7),
      topP: num(key('sidecar.topP'), 0.9),
      maxTokens: num(key('sidecar.maxTokens'), 1024),
    };
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
    const sameAsSidecar = (name: string) => this.sidecar().connection.trim().toLocaleLowerCase() === name.toLocaleLowerCase();
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
    for (const s of this.subscriptions) s.dispose();
  }
}
