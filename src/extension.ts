// Composition root: builds the pieces, wires them together and registers them. No logic lives here.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ConnectionStore } from './connections/connectionStore';
import { KeyVault } from './connections/keyVault';
import { ModelCache } from './connections/modelCache';
import { TestResults } from './connections/testResults';
import { ContextKey, SettingId, StorageKey, ViewId } from './ids';
import type { Services } from './services';
import { ConnectionForms } from './views/connectionForm';
import { ConnectionTreeProvider } from './views/connectionTree';
import { DefaultStatusBar } from './views/defaultStatusBar';
import { reportStoredProblems, removeOrphanKeys } from './connections/housekeeping';

/** Only under a test runner: the wired pieces, so integration tests can check real storage. */
export interface TestingSurface {
  services: Services;
  context: vscode.ExtensionContext;
}

export function activate(context: vscode.ExtensionContext): { testing?: TestingSurface } {
  const log = vscode.window.createOutputChannel('AI Connections', { log: true });
  // Connections travel with Settings Sync; keys (SecretStorage) and test results never do.
  context.globalState.setKeysForSync([StorageKey.connections]);

  const store = new ConnectionStore(context.globalState, StorageKey.connections);
  const vault = new KeyVault(context.secrets);
  const results = new TestResults(context.globalState, StorageKey.testResults);
  const forms = new ConnectionForms(context.extensionUri);
  const tree = new ConnectionTreeProvider(store, vault, results);
  const services: Services = {
    store,
    vault,
    results,
    models: new ModelCache(),
    log,
    tree,
    forms,
    settings: {
      requestTimeoutSeconds: () =>
        vscode.workspace.getConfiguration(SettingId.section).get<number>(SettingId.requestTimeoutSeconds, 15),
    },
  };
  forms.attach(services);

  const treeView = vscode.window.createTreeView(ViewId.connections, { treeDataProvider: tree, showCollapseAll: false });
  const setContext = () =>
    void vscode.commands.executeCommand('setContext', ContextKey.hasConnections, store.snapshot().connections.length > 0);
  setContext();

  context.subscriptions.push(
    log,
    vault,
    tree,
    treeView,
    forms,
    new DefaultStatusBar(store),
    store.onDidChange(setContext),
    ...registerCommands(services),
  );

  reportStoredProblems(store, log);
  // After activation, off the critical path: load the key index once, then drop keys of deleted connections.
  void vault.ready().then(() => {
    tree.refresh();
    return removeOrphanKeys(store, vault, log);
  });

  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { services, context } } : {};
}

export function deactivate() {}
