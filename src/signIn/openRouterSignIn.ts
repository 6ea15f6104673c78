// Sign in with OpenRouter: one click, and an "OpenRouter" connection has its key. The browser goes to
// OpenRouter's /auth with a PKCE challenge and a callback into this extension (vscode://<id>/openrouter/<nonce>,
// through asExternalUri so code-server and remote windows get a URL that reaches them); the URI handler takes
// the code only for the pending flow's nonce; the code is exchanged for a key, which goes straight into
// SecretStorage. Never logged: the code, the verifier, the key.
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import type { Connection } from '../shared/connection';
import { sameName } from '../shared/validation';
import { authUrl, createNonce, createPkce, exchangeCode, OPENROUTER_ENDPOINTS, sameNonce, SignInError, type OpenRouterEndpoints } from './openRouterPkce';

const PROVIDER = 'openrouter';
const CONNECTION_NAME = 'OpenRouter';
const CALLBACK_PATH = /^\/openrouter\/([A-Za-z0-9_-]{8,64})$/;
const EXCHANGE_TIMEOUT_MS = 30_000;

interface Deps {
  store: ConnectionStore;
  vault: KeyVault;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
}

interface PendingFlow {
  nonce: string;
  deliver(code: string): void;
  fail(error: Error): void;
}

export class OpenRouterSignIn implements vscode.UriHandler {
  /**
   * Where the flow goes. Changed only by the integration tests, through the test-mode surface activate()
   * returns (never a setting: a synced or workspace setting could send a user's sign-in elsewhere).
   */
  endpoints: OpenRouterEndpoints = OPENROUTER_ENDPOINTS;
  /** How long the browser may take; then the flow stops waiting and says so. */
  timeoutMs = 5 * 60_000;
  private pending: PendingFlow | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly extensionId: string,
  ) {}

  handleUri(uri: vscode.Uri): void {
    const match = CALLBACK_PATH.exec(uri.path);
    if (!match) {
      this.deps.log.warn('ignored a link into AI Connections that is not a sign-in callback');
      return;
    }
    const flow = this.pending;
    if (!flow || !sameNonce(match[1], flow.nonce)) {
      this.deps.log.warn('ignored an OpenRouter sign-in callback that no pending sign-in asked for');
      void vscode.window.showWarningMessage(vscode.l10n.t('An OpenRouter sign-in link arrived that this window did not ask for; it was ignored.'));
      return;
    }
    // vscode.Uri decodes the query; a '+' in a code must stay a '+', not become a space.
    const code = new URLSearchParams(uri.query.replace(/\+/g, '%2B')).get('code');
    if (code) flow.deliver(code);
    else flow.fail(new Error(vscode.l10n.t('OpenRouter came back without a sign-in code (was the sign-in declined?).')));
  }

  /** Runs the whole flow; resolves with the connection that got the key, or undefined when cancelled. */
  async signIn(): Promise<Connection | undefined> {
    const { verifier, challenge } = createPkce();
    const nonce = createNonce();
    const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${this.extensionId}/openrouter/${nonce}`);
    const external = await vscode.env.asExternalUri(callback);
    const url = authUrl(this.endpoints, external.toString(true), challenge);
    const code = await this.waitForCode(nonce, url);
    if (code === undefined) return undefined;
    const key = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finishing the OpenRouter sign-in…') },
      () => exchangeCode(this.endpoints, code, verifier, { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) }),
    );
    return this.storeKey(key);
  }

  private waitForCode(nonce: string, url: string): Thenable<string | undefined> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in with OpenRouter: finish in your browser…'), cancellable: true },
      (_progress, token) =>
        new Promise<string | undefined>((resolve, reject) => {
          // A new sign-in replaces one still waiting: only the newest nonce is accepted.
          this.pending?.fail(new Error(vscode.l10n.t('A newer OpenRouter sign-in replaced this one.')));
          const finish = (settle: () => void) => {
            clearTimeout(timer);
            cancel.dispose();
            if (this.pending === flow) this.pending = undefined;
            settle();
          };
          const flow: PendingFlow = { nonce, deliver: (c) => finish(() => resolve(c)), fail: (e) => finish(() => reject(e)) };
          const timer = setTimeout(
            () => flow.fail(new Error(vscode.l10n.t('The OpenRouter sign-in timed out: nothing came back from the browser within {0} minutes.', Math.round(this.timeoutMs / 60_000)))),
            this.timeoutMs,
          );
          const cancel = token.onCancellationRequested(() => finish(() => resolve(undefined)));
          this.pending = flow;
          // The exact string, not vscode.Uri.parse(url): a Uri decodes the query and re-encodes it without
          // escaping '&' and '=', which splits the encoded callback_url (VS Code's openUri takes a string as is).
          vscode.env.openExternal(url as unknown as vscode.Uri).then(
            (opened) => {
              if (!opened) flow.fail(new Error(vscode.l10n.t('The browser could not be opened for the OpenRouter sign-in.')));
            },
            (err: unknown) => flow.fail(err instanceof Error ? err : new Error(String(err))),
          );
        }),
    );
  }

  /** The key goes to the OpenRouter connection named "OpenRouter" (made if there is none). */
  private async storeKey(key: string): Promise<Connection> {
    const { store, vault, log } = this.deps;
    let connection = store.list().find((c) => c.provider === PROVIDER && sameName(c.name, CONNECTION_NAME));
    if (!connection) {
      let name = CONNECTION_NAME;
      for (let n = 2; store.findByName(name); n++) name = `${CONNECTION_NAME} ${n}`;
      connection = await store.create({ name, provider: PROVIDER });
    }
    await vault.set(connection.id, key);
    log.info(`OpenRouter sign-in: key stored for connection ${connection.id}`);
    return connection;
  }
}

/** A failed sign-in in words a user acts on. */
export function signInErrorMessage(err: unknown): string {
  if (!(err instanceof SignInError)) return err instanceof Error ? err.message : String(err);
  switch (err.failure) {
    case 'unreachable':
      return vscode.l10n.t('Could not reach OpenRouter to finish the sign-in ({0}).', err.detail ?? '');
    case 'challengeMismatch':
      return vscode.l10n.t('OpenRouter refused the sign-in: the code challenge did not match (HTTP 400). Sign in again.');
    case 'badCode':
      return vscode.l10n.t('OpenRouter did not accept the sign-in code: it is wrong, expired or was already used (HTTP {0}). Sign in again.', err.status ?? 403);
    case 'notPost':
      return vscode.l10n.t('OpenRouter refused the exchange request (HTTP 405).');
    case 'serverError':
      return vscode.l10n.t('OpenRouter had a problem finishing the sign-in (HTTP {0}). Try again later.', err.status ?? 500);
    case 'refused':
      return vscode.l10n.t('OpenRouter refused the sign-in (HTTP {0}).', err.status ?? 0);
    case 'notJson':
      return vscode.l10n.t('OpenRouter answered the sign-in with something that is not JSON.');
    case 'noKey':
      return vscode.l10n.t('OpenRouter finished the sign-in but sent no key.');
  }
}
