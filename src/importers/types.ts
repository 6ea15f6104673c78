// The shapes of import and discovery (docs/architecture.md, "Import and discovery"). Plain TypeScript: no
// vscode, no Node-only imports; what a parser needs from outside (environment, other files) comes in as
// arguments, so every format is tested without VS Code.
import type { ProviderId } from '../providers/types';
import type { CapabilityOverrides } from '../shared/connection';

export type ImportFormat =
  | 'roo'
  | 'continue-yaml'
  | 'continue-json'
  | 'sillytavern'
  | 'litellm'
  | 'codex'
  | 'opencode'
  | 'ai-connections';

/** One connection a file or the environment offers; nothing is created until the user keeps it. */
export interface ImportedConnection {
  name: string;
  provider: ProviderId;
  model?: string;
  apiUrl?: string;
  presetName?: string;
  /** A key written in the file, or a reference that resolved. Goes straight to SecretStorage. */
  apiKey?: string;
  /** A variable to read the key from at request time (a reference that did not resolve, or discovery). */
  apiKeyEnv?: string;
  /** Header values found in the file (stored as secrets). */
  headers?: Record<string, string>;
  /** Header names without values (our export). */
  headerNames?: string[];
  /** Per-connection request timeout, where the file sets one (1–600 s). */
  timeoutSeconds?: number;
  /** What the file says the model can do (context window, output limit, tools, images). */
  capabilities?: CapabilityOverrides;
  /** Where in the file this came from, for the preview and the report. Never a secret. */
  source: string;
}

export interface ImportPlan {
  format: ImportFormat;
  connections: ImportedConnection[];
  skipped: { source: string; reason: string }[];
}

export interface ImportContext {
  env: Record<string, string | undefined>;
  /** Reads a file the format refers to (Continue's .env files, SillyTavern's secrets.json); undefined when absent. */
  readFile?: (path: string) => string | undefined;
  homeDir?: string;
  workspaceDir?: string;
}

/** A file that cannot be read, or has the right syntax but the wrong shape. Its message never holds a secret. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
