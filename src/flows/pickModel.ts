import * as vscode from 'vscode';
import type { ModelInfo } from '../providers';
import { byModelId } from '../shared/modelOrder';

/** A searchable pick of models (id, display name, context length). */
export async function pickModel(models: readonly ModelInfo[], current: string | undefined, connectionName: string): Promise<string | undefined> {
  const items = byModelId(models).map((m) => ({
    label: m.id,
    description: [m.label && m.label !== m.id ? m.label : undefined, m.id === current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · ') || undefined,
    detail: m.contextLength ? vscode.l10n.t('{0} tokens context', m.contextLength.toLocaleString()) : undefined,
    picked: m.id === current,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Models of {0} ({1})', connectionName, models.length),
    placeHolder: vscode.l10n.t('Type to search; pick one to use it for this connection'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.label;
}
