// The Connections view: one item per connection, plus a warning item per stored entry that could not be read.
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import type { TestResults, StoredTestResult } from '../connections/testResults';
import type { InvalidEntry } from '../connections/storedEntries';
import { getProvider } from '../providers';
import type { ModelCapabilities } from '../providers';
import type { Connection } from '../shared/connection';
import { CommandId, TreeItemContext, connectionContextValue } from '../ids';
import { keySourceOf, type KeySource } from '../connections/keySource';
import type { TeamConnections, TeamFolder } from '../connections/teamConnections';
import { isTeamConnection } from '../connections/teamFile';
import { restrictedItem, teamGroupItem, teamOriginText, teamProblemItem } from './teamTreeItems';

export type TreeNode =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'invalid'; entry: InvalidEntry }
  | { kind: 'documentProblem'; problem: string }
  | { kind: 'team'; folder: TeamFolder }
  | { kind: 'teamProblem'; folder: TeamFolder; index: number }
  | { kind: 'restricted'; folder: TeamFolder };

const REFRESH_COALESCE_MS = 30;

/** Shown in place of a name that is too long for a row; the full name stays in the tooltip. */
const MAX_LABEL = 120;

export class ConnectionTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): unknown }[];
  private currentSidecar: { id: string; isFallback: boolean } | undefined;
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: ConnectionStore,
    private readonly vault: KeyVault,
    private readonly results: TestResults,
    /** The connection acting as sidecar, and whether it only stands in because none is configured. */
    private readonly sidecar: () => { id: string; isFallback: boolean } | undefined,
    /** `ExtensionSettings.onDidChangePresetsOrSidecar`: the sidecar marks follow the settings. */
    onDidChangePresetsOrSidecar: (listener: () => unknown) => { dispose(): unknown },
    /** What the connection's model can do in chat, and whether a model list (not an estimate) said so. */
    private readonly chatCapabilities: (c: Connection) => { capabilities: ModelCapabilities; listed: boolean } | undefined = () => undefined,
    /** The workspace's team files; their connections are grouped per folder after the personal ones. */
    private readonly team?: Pick<TeamConnections, 'teamFolders' | 'get' | 'onDidChange'>,
  ) {
    const refresh = () => this.refresh();
    this.subscriptions = [store.onDidChange(refresh), vault.onDidChange(refresh), results.onDidChange(refresh), onDidChangePresetsOrSidecar(refresh), this.changed];
    if (team) this.subscriptions.push(team.onDidChange(refresh));
  }

  /**
   * One redraw for a burst of changes (a duplicate writes the store, then the key): each redraw briefly
   * invalidates the rows a user may be right-clicking.
   */
  refresh(): void {
    if (this.pendingRefresh) return;
    this.pendingRefresh = setTimeout(() => {
      this.pendingRefresh = undefined;
      this.changed.fire(undefined);
    }, REFRESH_COALESCE_MS);
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (element?.kind === 'team') return teamChildren(element.folder);
    if (element) return [];
    // Resolved once per render, not per item: finding it by name is a scan of the whole list.
    this.currentSidecar = this.sidecar();
    const snap = this.store.snapshot();
    const nodes: TreeNode[] = snap.connections.map((connection) => ({ kind: 'connection', connection }));
    for (const entry of snap.invalid) nodes.push({ kind: 'invalid', entry });
    if (snap.documentProblem) nodes.push({ kind: 'documentProblem', problem: snap.documentProblem });
    for (const folder of this.team?.teamFolders() ?? []) nodes.push({ kind: 'team', folder });
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection':
        return this.connectionItem(node.connection);
      case 'invalid': {
        const label = node.entry.label ?? vscode.l10n.t('Unreadable entry {0}', node.entry.index + 1);
        const item = new vscode.TreeItem(truncate(label), vscode.TreeItemCollapsibleState.None);
        item.id = `invalid:${node.entry.index}`;
        item.description = vscode.l10n.t('cannot be read: {0}', node.entry.reason);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.tooltip = new vscode.MarkdownString().appendText(
          vscode.l10n.t(
            'This stored entry could not be read ({0}). It is kept unchanged in storage; see the AI Connections log.',
            node.entry.reason,
          ),
        );
        item.contextValue = TreeItemContext.invalidEntry;
        return item;
      }
      case 'documentProblem': {
        const item = new vscode.TreeItem(vscode.l10n.t('Stored connections could not be read'));
        item.id = 'documentProblem';
        item.description = node.problem;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.tooltip = new vscode.MarkdownString().appendText(
          vscode.l10n.t('The stored document is kept as it is; saving a connection sets it aside as a backup.'),
        );
        item.contextValue = TreeItemContext.invalidEntry;
        return item;
      }
      case 'team':
        return teamGroupItem(node.folder);
      case 'teamProblem':
        return teamProblemItem(node.folder, node.folder.problems[node.index], node.index);
      case 'restricted':
        return restrictedItem(node.folder);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'connection' || item.tooltip) return item;
    const c = this.store.get(node.connection.id) ?? this.team?.get(node.connection.id) ?? node.connection;
    const provider = getProvider(c.provider);
    const sidecar = this.sidecar();
    item.tooltip = tooltipFor(c, {
      isDefault: this.store.snapshot().defaultId === c.id,
      isSidecar: sidecar?.id === c.id && !sidecar.isFallback,
      isFallbackSidecar: sidecar?.id === c.id && sidecar.isFallback,
      key: keySourceOf(c, this.vault.hasKeySync(c.id)),
      providerLabel: provider?.label,
      keyRequired: provider?.keyRequired ?? true,
      result: this.results.get(c.id),
      chat: c.model ? this.chatCapabilities(c) : undefined,
    });
    return item;
  }

  private connectionItem(c: Connection): vscode.TreeItem {
    const isDefault = this.store.snapshot().defaultId === c.id;
    const sidecar = this.currentSidecar;
    const isSidecar = sidecar?.id === c.id && !sidecar.isFallback;
    const key = keySourceOf(c, this.vault.hasKeySync(c.id));
    const provider = getProvider(c.provider);
    const result = this.results.get(c.id);

    const item = new vscode.TreeItem(truncate(c.name), vscode.TreeItemCollapsibleState.None);
    item.id = c.id;
    const marks = [isDefault ? vscode.l10n.t('default') : undefined, isSidecar ? vscode.l10n.t('sidecar') : undefined].filter(Boolean);
    const parts = [provider?.label ?? c.provider, c.model || vscode.l10n.t('no model')];
    item.description = (marks.length ? `${marks.join(', ')} · ` : '') + parts.join(' · ');
    item.iconPath = iconFor(result, isDefault);
    // The tooltip is built in resolveTreeItem, on hover: building Markdown for every row made rendering
    // a long list several times slower.
    item.accessibilityInformation = {
      label: [c.name, ...parts, ...marks, keyText(key, true)].join(', '),
    };
    const isTeam = isTeamConnection(c);
    item.contextValue = connectionContextValue({ hasKey: key.kind !== 'none', isDefault, isSidecar, isTeam, teamHeaders: isTeam && Boolean(c.headerNames?.length) });
    // A team connection opens the same form, read-only but for its key.
    const title = isTeam ? vscode.l10n.t('View Connection') : vscode.l10n.t('Edit Connection');
    item.command = { command: CommandId.editConnection, title, arguments: [{ kind: 'connection', connection: c }] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.pendingRefresh);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function teamChildren(folder: TeamFolder): TreeNode[] {
  if (!folder.loaded) return [{ kind: 'restricted', folder }];
  return [
    ...folder.connections.map((connection): TreeNode => ({ kind: 'connection', connection })),
    ...folder.problems.map((_p, index): TreeNode => ({ kind: 'teamProblem', folder, index })),
  ];
}

function truncate(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** Where the key comes from, in words: "stored", "from $OPENAI_API_KEY", "from $OPENAI_API_KEY — not set". */
export function keyText(key: KeySource, withSubject: boolean): string {
  switch (key.kind) {
    case 'stored':
      return withSubject ? vscode.l10n.t('API key stored') : vscode.l10n.t('stored');
    case 'none':
      return withSubject ? vscode.l10n.t('API key not set') : vscode.l10n.t('not set');
    case 'env':
      if (withSubject) return key.set ? vscode.l10n.t('API key from ${0}', key.name) : vscode.l10n.t('API key from ${0}, which is not set', key.name);
      return key.set ? vscode.l10n.t('from ${0}', key.name) : vscode.l10n.t('from ${0} — not set', key.name);
  }
}

function iconFor(result: StoredTestResult | undefined, isDefault: boolean): vscode.ThemeIcon {
  if (result?.ok) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (result) return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  return new vscode.ThemeIcon(isDefault ? 'star-full' : 'plug');
}

function tooltipFor(
  c: Connection,
  row: {
    isDefault: boolean;
    isSidecar: boolean;
    isFallbackSidecar: boolean;
    key: KeySource;
    providerLabel?: string;
    keyRequired: boolean;
    result?: StoredTestResult;
    chat?: { capabilities: ModelCapabilities; listed: boolean } | undefined;
  },
): vscode.MarkdownString {
  // appendText escapes Markdown: names and URLs are user data and are shown as text, never as markup.
  const md = new vscode.MarkdownString();
  const line = (label: string, value: string) => md.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
  md.appendMarkdown('**').appendText(c.name).appendMarkdown('**\n\n');
  line(vscode.l10n.t('Provider'), row.providerLabel ?? c.provider);
  line(vscode.l10n.t('Model'), c.model || vscode.l10n.t('not set'));
  line(vscode.l10n.t('API URL'), c.apiUrl || vscode.l10n.t('provider default'));
  line(vscode.l10n.t('API key'), row.key.kind === 'none' && !row.keyRequired ? vscode.l10n.t('not set (optional)') : keyText(row.key, false));
  line(vscode.l10n.t('Preset'), c.presetName || vscode.l10n.t('none'));
  if (isTeamConnection(c)) line(vscode.l10n.t('Team file'), teamOriginText(c));
  if (c.headerNames?.length) line(vscode.l10n.t('Custom headers'), c.headerNames.join(', '));
  if (c.timeoutSeconds) line(vscode.l10n.t('Timeout'), vscode.l10n.t('{0} s', c.timeoutSeconds));
  line(vscode.l10n.t('Default'), row.isDefault ? vscode.l10n.t('yes') : vscode.l10n.t('no'));
  if (row.isSidecar) line(vscode.l10n.t('Sidecar'), vscode.l10n.t('yes'));
  else if (row.isFallbackSidecar) line(vscode.l10n.t('Sidecar'), vscode.l10n.t('yes, as the default: no sidecar connection is set'));
  if (row.chat) {
    const { capabilities: caps, listed } = row.chat;
    const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}K` : String(n));
    const yes = (b: boolean) => (b ? vscode.l10n.t('yes') : vscode.l10n.t('no'));
    line(
      vscode.l10n.t('In chat'),
      vscode.l10n.t('tools {0} · images {1} · {2} context · {3} output · family {4} ({5})', yes(caps.toolCalling), yes(caps.imageInput), k(caps.contextWindow), k(caps.maxOutputTokens), caps.family, listed ? vscode.l10n.t('from the model list') : vscode.l10n.t('estimated')),
    );
  }
  if (row.result) {
    const when = new Date(row.result.at).toLocaleString();
    line(vscode.l10n.t('Last test'), `${row.result.ok ? '✓' : '✗'} ${row.result.message} (${when})`);
  } else {
    line(vscode.l10n.t('Last test'), vscode.l10n.t('not tested yet'));
  }
  return md;
}
