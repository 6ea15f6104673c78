// The sidecar as VS Code chat's utility model. With a model from another vendor as the main agent model, chat
// asks for a "utility model" for its background work (titles, summaries, commit messages) and shows "Set BYOK
// utility models" until `chat.utilityModel` names one, as `vendor/id`. While `aiConnections.sidecar.chatUtilityModel`
// is on, both utility settings point at our sidecar model; turned off, they are cleared if they still point there.
import * as vscode from 'vscode';
import { SETTINGS_SECTION, SIDECAR_CHAT_MODEL_ID } from '../ids';
import type { ExtensionSettings } from '../settings';
import { CHAT_VENDOR } from './chatModelProvider';

export const SIDECAR_UTILITY_MODEL = `${CHAT_VENDOR}/${SIDECAR_CHAT_MODEL_ID}`;
const UTILITY_SETTINGS = ['utilityModel', 'utilitySmallModel'] as const;

export class SidecarUtilityModel implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly settings: ExtensionSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.sidecar.chatUtilityModel`)) this.applyInBackground();
    });
  }

  /** Brings chat's utility settings in line with ours (a no-op when they already are). */
  async apply(): Promise<void> {
    const on = this.settings.sidecarIsChatUtilityModel();
    const chat = vscode.workspace.getConfiguration('chat');
    for (const name of UTILITY_SETTINGS) {
      const current = chat.inspect<string>(name)?.globalValue;
      try {
        if (on && current !== SIDECAR_UTILITY_MODEL) await chat.update(name, SIDECAR_UTILITY_MODEL, vscode.ConfigurationTarget.Global);
        else if (!on && current === SIDECAR_UTILITY_MODEL) await chat.update(name, undefined, vscode.ConfigurationTarget.Global);
      } catch (error) {
        // A VS Code without the chat settings registered refuses the write; nothing else depends on it.
        this.log.warn(`chat.${name} not updated: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** apply() without waiting: a failure is logged, not lost. */
  applyInBackground(): void {
    this.apply().catch((error: unknown) =>
      this.log.error(`chat utility model settings not updated: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
