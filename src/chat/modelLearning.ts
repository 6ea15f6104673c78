// Chat offers each connection's model with its real limits. When nothing has described the model yet (no List
// Models on this machine), its provider's list is read once in the background — silently, no prompt, no
// notification — and what it says is kept (ModelFacts), which redraws the chat models.
import { isPlainHttpToRemoteHost, listModels } from '../providers';
import type { ConnectionLookup } from '../connections/allConnections';
import type { KeyVault } from '../connections/keyVault';
import type { ModelCache } from '../connections/modelCache';
import { listFingerprint, targetFromConnection } from '../connections/targetFromConnection';
import type { Connection } from '../shared/connection';

export interface ModelLearningDeps {
  store: Pick<ConnectionLookup, 'get'>;
  vault: KeyVault;
  models: ModelCache;
  requestTimeoutSeconds: () => number;
  debug: (message: string) => void;
}

export class ModelLearning {
  /** Fingerprints already asked this session, so a failing provider is not asked on every redraw. */
  private readonly asked = new Set<string>();

  constructor(private readonly deps: ModelLearningDeps) {}

  /** Starts a look-up for the connection's model unless one was made for what it depends on. */
  learnInBackground(connection: Connection): void {
    // learn() catches a failed list itself; this catches the rest (a key that cannot be read).
    this.learn(connection).catch((error: unknown) =>
      this.deps.debug(`model of "${connection.name}" not looked up for chat: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private async learn(connection: Connection): Promise<void> {
    // A key is never sent over plain http to another machine without the user's yes, and nobody is asked here.
    if (connection.apiUrl && isPlainHttpToRemoteHost(connection.apiUrl)) return;
    const target = targetFromConnection(
      connection,
      await this.deps.vault.get(connection.id),
      this.deps.requestTimeoutSeconds(),
      await this.deps.vault.headerValues(connection.id),
    );
    const fingerprint = listFingerprint(target);
    const askedKey = `${connection.id}|${fingerprint}`;
    if (this.asked.has(askedKey) || this.deps.models.get(connection.id, fingerprint)) return;
    this.asked.add(askedKey);
    try {
      // ModelCache announces the list; ModelFacts keeps what it says about the model.
      this.deps.models.set(connection.id, fingerprint, await listModels(target));
    } catch (error) {
      this.deps.debug(`model list for "${connection.name}" not read for chat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
