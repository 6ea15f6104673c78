// Composition root: builds the pieces, wires them together and registers them. No logic lives here.
import * as vscode from 'vscode';
import { createApi, type AiConnectionsApi } from './api';
import { CHAT_VENDOR, ConnectionChatModels } from './chat/chatModelProvider';
import { connectionChatText, type ConnectionChatDeps } from './chat/connectionChat';
import { registerCommands } from './commands';
import { ConnectionStore } from './connections/connectionStore';
import { AllConnections } from './connections/allConnections';
import { TeamConnections } from './connections/teamConnections';
import { OpenRouterSignIn } from './signIn/openRouterSignIn';
import { reportStoredProblems, reportUnattachedKeys } from './connections/housekeeping';
import { KeyVault } from './connections/keyVault';
import { ModelCache } from './connections/modelCache';
import { ModelFacts } from './connections/modelFacts';
import { PlainHttpConsents } from './connections/plainHttpConsents';
import { confirmPlainHttp } from './flows/plainHttpConsent';
import { connectionCapabilities } from './connections/capabilities';
import { ModelLearning } from './chat/modelLearning';
import { SidecarUtilityModel } from './chat/utilityModel';
import { resolveSidecar } from './connections/sidecar';
import { TestResults } from './connections/testResults';
import { ContextKey, StorageKey, ViewId } from './ids';
import { watchOutsideChanges } from './connections/outsideChanges';
import type { Services } from './services';
import { errorMessage } from './flows/reportError';
import { ExtensionSettings } from './settings';
import { ConnectionForms } from './views/connectionForm';
import { ConnectionTreeProvider } from './views/connectionTree';
import { DefaultStatusBar } from './views/defaultStatusBar';
import { ImportDropController } from './views/importDrop';
import { redactingLog } from './redactingLog';

/** Only under a test runner: the wired pieces, so integration tests can check real storage. */
export interface TestingSurface {
  services: Services;
  context: vscode.ExtensionContext;
}

export type ActivationResult = AiConnectionsApi & { testing?: TestingSurface };

export function activate(context: vscode.ExtensionContext): ActivationResult {
  const log = redactingLog(vscode.window.createOutputChannel('AI Connections', { log: true }));
  const vault = new KeyVault(context.secrets);
  // Connections travel with Settings Sync, one key each (the store keeps setKeysForSync current); keys, header
  // values (SecretStorage) and test results never do.
  const store = new ConnectionStore(context.globalState, { headerSecrets: vault, log });
  // Team connections (workspace files) beside the personal ones; readers use the union.
  const team = new TeamConnections(log);
  const connections = new AllConnections(store, team);
  const results = new TestResults(context.globalState, StorageKey.testResults);
  const settings = new ExtensionSettings(log);
  settings.followConnection(store);
  const modelFacts = new ModelFacts(context.globalState, StorageKey.modelFacts);
  const consents = new PlainHttpConsents(context.globalState, StorageKey.plainHttpConsents);
  const models = new ModelCache();
  const chatDeps: ConnectionChatDeps = {
    vault,
    presets: () => settings.presets(),
    requestTimeoutSeconds: () => settings.requestTimeoutSeconds(),
    warn: (m) => log.warn(m),
    capabilities: (c, model) => connectionCapabilities(c, modelFacts.get(c), model),
    confirmPlainHttp: (c, target) => confirmPlainHttp(target, { consents, connectionId: c.id }),
  };
  const learning = new ModelLearning({ store: connections, vault, models, requestTimeoutSeconds: () => settings.requestTimeoutSeconds(), debug: (m) => log.debug(m) });
  const sidecar = () => {
    const resolved = resolveSidecar(connections, settings.sidecar());
    return resolved && { id: resolved.connection.id, isFallback: resolved.isFallback };
  };
  const forms = new ConnectionForms(context.extensionUri, { store, connections, vault, results, models, log, settings });
  const tree = new ConnectionTreeProvider(store, vault, results, sidecar, settings.onDidChangePresetsOrSidecar, (c) => ({
    capabilities: chatDeps.capabilities(c),
    listed: modelFacts.get(c) !== undefined,
  }), team);
  const openRouter = new OpenRouterSignIn({ store, vault, log }, context.extension.id);
  const services: Services = {
    store,
    connections,
    team,
    openRouter,
    vault,
    results,
    models,
    log,
    tree,
    forms,
    settings,
    consents,
    chatText: (request) => connectionChatText(chatDeps, request),
  };
  const chatModels = new ConnectionChatModels(
    connections,
    vault,
    { ...chatDeps, learnInBackground: (c) => learning.learnInBackground(c), hasFacts: (c) => modelFacts.get(c) !== undefined, sidecar: () => resolveSidecar(connections, settings.sidecar()) },
    { onDidChangePresetsOrSidecar: settings.onDidChangePresetsOrSidecar, onDidChangeModelFacts: modelFacts.onDidChange },
  );

  const treeView = vscode.window.createTreeView(ViewId.connections, { treeDataProvider: tree, canSelectMany: true, dragAndDropController: new ImportDropController() });
  const setContext = () =>
    void vscode.commands.executeCommand('setContext', ContextKey.hasConnections, connections.list().length > 0);
  setContext();
  const connectionsChanged = new vscode.EventEmitter<void>();

  context.subscriptions.push(
    log,
    vault,
    team,
    connections,
    settings,
    tree,
    treeView,
    forms,
    chatModels,
    connectionsChanged,
    new DefaultStatusBar(store),
    connections.onDidChange(() => {
      setContext();
      connectionsChanged.fire();
    }),
    vault.onDidChange(() => connectionsChanged.fire()),
    models.onDidSet(({ connectionId, models: listed }) => {
      const connection = connections.get(connectionId);
      if (connection) modelFacts.learn(connection, listed).catch((err: unknown) => log.warn(`model facts of "${connection.name}" not kept: ${errorMessage(err)}`));
    }),
    ...[store.onDidDelete, team.onDidDelete].map((onDelete) =>
      onDelete(({ id }) => {
        const warn = (what: string) => (err: unknown) => log.warn(`${what} of connection ${id} not removed: ${errorMessage(err)}`);
        modelFacts.forget(id).catch(warn('model facts'));
        consents.forget(id).catch(warn('plain-http consents'));
      }),
    ),
    modelFacts.onDidChange(() => tree.refresh()),
    // Another window's (or Settings Sync's) writes: the tree, status bar, chat models and API event follow.
    watchOutsideChanges(
      store,
      { focused: () => vscode.window.state.focused, onDidChangeFocus: (l) => vscode.window.onDidChangeWindowState((s) => l(s.focused)) },
      (err) => log.warn(`looking for changes from other windows failed: ${errorMessage(err)}`),
    ),
    store.onDidRenameDuplicate(({ from, to }) => {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Another window created a connection named "{0}" at the same time; the one made here is now "{1}".', from, to),
      );
    }),
    ...results.followChanges(connections, vault, log),
    vscode.lm.registerLanguageModelChatProvider(CHAT_VENDOR, chatModels),
    vscode.window.registerUriHandler(openRouter),
    ...registerCommands(services),
  );

  const utilityModel = new SidecarUtilityModel(settings, log);
  context.subscriptions.push(utilityModel);
  utilityModel.applyInBackground();

  // After activation, off the critical path: a version 1 document moved, the key index loaded once; keys
  // without a connection are only reported.
  Promise.all([store.ready(), vault.ready()])
    .then(() => {
      reportStoredProblems(store, log);
      tree.refresh();
      return team.ready().then(() => reportUnattachedKeys(connections, vault, log));
    })
    .catch((err: unknown) => log.error(`reading the stored API keys failed: ${errorMessage(err)}`));

  const api = createApi(connections, vault, () => settings.sidecar(), chatDeps, connectionsChanged.event);
  return context.extensionMode === vscode.ExtensionMode.Test ? { ...api, testing: { services, context } } : api;
}

export function deactivate() {}
