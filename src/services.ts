// What commands and views are given: built once in extension.ts.
import type * as vscode from 'vscode';
import type { ConnectionStore } from './connections/connectionStore';
import type { AllConnections } from './connections/allConnections';
import type { TeamConnections } from './connections/teamConnections';
import type { KeyVault } from './connections/keyVault';
import type { ModelCache } from './connections/modelCache';
import type { TestResults } from './connections/testResults';
import type { ConnectionTreeProvider } from './views/connectionTree';
import type { ConnectionForms } from './views/connectionForm';
import type { ExtensionSettings } from './settings';
import type { PlainHttpConsents } from './connections/plainHttpConsents';
import type { ConnectionChatRequest } from './chat/connectionChat';
import type { OpenRouterSignIn } from './signIn/openRouterSignIn';


export interface Services {
  /** The personal connections: the only ones commands write. */
  store: ConnectionStore;
  /** Personal and team connections, for everything that reads. */
  connections: AllConnections;
  /** The workspace folders' team files. */
  team: TeamConnections;
  /** Sign in with OpenRouter (PKCE through the URI handler). */
  openRouter: OpenRouterSignIn;
  vault: KeyVault;
  results: TestResults;
  models: ModelCache;
  log: vscode.LogOutputChannel;
  tree: ConnectionTreeProvider;
  forms: ConnectionForms;
  settings: ExtensionSettings;
  /** Remembered yeses to sending a key over plain http to a remote host. */
  consents: PlainHttpConsents;
  /** Streams a reply through a connection with its key and preset applied. */
  chatText(request: ConnectionChatRequest): AsyncIterable<string>;
}
