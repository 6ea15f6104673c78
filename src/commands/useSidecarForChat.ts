import * as vscode from 'vscode';
import type { Services } from '../services';

/** One click for "Set BYOK utility models": chat's background work goes through the sidecar. */
export const useSidecarForChat = (services: Services) => async () => {
  await services.settings.setSidecarIsChatUtilityModel(true);
  void vscode.window.showInformationMessage(
    vscode.l10n.t("VS Code chat now uses the sidecar for its background work (titles, summaries). Turn it off with the setting '{0}'.", 'aiConnections.sidecar.chatUtilityModel'),
  );
};
