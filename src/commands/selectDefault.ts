import * as vscode from 'vscode';
import type { Services } from '../services';
import { describe } from './support';

/** The status-bar picker: every connection (the current default marked) and "None". */
export const selectDefault = (services: Services) => async () => {
  const current = services.store.snapshot().defaultId;
  type Item = vscode.QuickPickItem & { id: string | undefined };
  const items: Item[] = services.store.list().map((c) => ({
    label: `${c.id === current ? '$(check)' : '$(blank)'} ${c.name.replace(/\$\(/g, '$\u200b(')}`,
    description: describe(c),
    id: c.id,
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, id: undefined });
  items.push({ label: `$(close) ${vscode.l10n.t('None')}`, description: vscode.l10n.t('no default connection'), id: undefined });
  if (items.length === 2) {
    items.unshift({ label: `$(add) ${vscode.l10n.t('New Connection…')}`, id: 'new' });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Default AI Connection'),
    placeHolder: vscode.l10n.t('Pick the connection used when none is named'),
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.id === 'new') return vscode.commands.executeCommand('aiConnections.newConnection');
  await services.store.setDefault(picked.id);
};
