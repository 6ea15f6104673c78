// Team connections: each workspace folder's .vscode/ai-connections.json (keyless, shared through the
// repository), read and followed with a FileSystemWatcher. A source beside ConnectionStore, never written
// by the extension: the file is the team's, each teammate only sets their own key (see teamFile.ts for the
// id the key lives under).
//
// Workspace trust: in Restricted Mode the files are not loaded (the tree says so, with the way to trust the
// folder), and they load as soon as trust is granted. A key is only sent to a team connection's URL after
// the user set a key for that connection (their consent, and the id binds the key to that destination), so a
// hostile file cannot send an existing key anywhere new. But a connection whose provider needs no key
// (Ollama, a custom server) is usable with none: its models are offered to chat and their lists are read in
// the background, so merely opening an untrusted folder would make this machine send requests to a URL
// that folder chose (an intranet address, say). Opening an untrusted folder must not do anything of the
// kind, hence nothing is loaded until the user trusts it.
import * as vscode from 'vscode';
import { Emitter, type Event } from './emitter';
import { parseTeamFile, TEAM_FILE_PATH, type TeamConnection, type TeamFileProblem } from './teamFile';
import type { Connection } from '../shared/connection';
import { sameName } from '../shared/validation';

export interface TeamFolder {
  folderUri: string;
  folderName: string;
  fileUri: vscode.Uri;
  /** False in Restricted Mode: the file exists but is not read. */
  loaded: boolean;
  connections: readonly TeamConnection[];
  problems: readonly TeamFileProblem[];
}

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export class TeamConnections implements vscode.Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires after a team file appeared, changed or went away (or trust was granted). */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly updated = new Emitter<{ before: Connection; after: Connection }>();
  /** A team connection's fields changed in its file (its id, so its key, stayed). */
  readonly onDidUpdate: Event<{ before: Connection; after: Connection }> = this.updated.event;
  private readonly deleted = new Emitter<{ id: string; name: string }>();
  /** A team connection left its file (or the file, or its folder, went). */
  readonly onDidDelete: Event<{ id: string; name: string }> = this.deleted.event;
  private folders = new Map<string, TeamFolder>();
  private watchers: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  /** One load per folder at a time, in order, so a burst of file events ends with the file's last state. */
  private readonly loads = new Map<string, Promise<void>>();
  private initial: Promise<void>;

  constructor(private readonly log: Log) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rewatch()),
    );
    this.initial = this.watchAll();
  }

  /** Resolves when every folder's file has been read once. */
  ready(): Promise<void> {
    return this.initial;
  }

  /** Folders with a team file (loaded or not), in workspace order. */
  teamFolders(): TeamFolder[] {
    const order = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    return [...this.folders.values()].sort((a, b) => order.indexOf(a.folderUri) - order.indexOf(b.folderUri));
  }

  list(): TeamConnection[] {
    return this.teamFolders().flatMap((f) => f.connections);
  }

  get(id: string): TeamConnection | undefined {
    for (const f of this.folders.values()) {
      const c = f.connections.find((x) => x.id === id);
      if (c) return c;
    }
    return undefined;
  }

  /** By name (first folder first), or qualified as `<folder name>/<connection name>`. */
  findByName(name: string): TeamConnection | undefined {
    const all = this.list();
    const plain = all.find((c) => sameName(c.name, name));
    if (plain) return plain;
    const slash = name.indexOf('/');
    if (slash < 0) return undefined;
    const folder = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    return all.find((c) => sameName(c.team.folderName, folder) && sameName(c.name, rest));
  }

  /** Reads every folder's team file again. */
  reload(): Promise<void> {
    return this.reloadAll();
  }

  private reloadAll(): Promise<void> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f))).then(() => undefined);
  }

  private rewatch(): void {
    this.watchAll().catch((err: unknown) => this.log.warn(`team connections not reloaded: ${err instanceof Error ? err.message : String(err)}`));
  }

  private watchAll(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const current = new Set(folders.map((f) => f.uri.toString()));
    for (const key of [...this.folders.keys()]) if (!current.has(key)) this.forgetFolder(key);
    const loads = folders.map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, TEAM_FILE_PATH));
      // load() reports its own failures; nothing is left to handle here.
      const reload = () => this.load(folder).catch(() => undefined);
      this.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
      return this.load(folder);
    });
    return Promise.all(loads).then(() => undefined);
  }

  private load(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const next = (this.loads.get(key) ?? Promise.resolve()).then(() => this.read(folder)).catch((err: unknown) => {
      this.log.warn(`team connections of ${folder.name}: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.loads.set(key, next);
    return next;
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const fileUri = vscode.Uri.joinPath(folder.uri, TEAM_FILE_PATH);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(fileUri);
    } catch {
      this.replace(key, undefined);
      return;
    }
    const base = { folderUri: key, folderName: folder.name, fileUri };
    if (!vscode.workspace.isTrusted) {
      this.replace(key, { ...base, loaded: false, connections: [], problems: [] });
      return;
    }
    const parsed = parseTeamFile(new TextDecoder().decode(bytes), { uri: key, name: folder.name });
    for (const p of parsed.problems) this.log.warn(`${folder.name}/${TEAM_FILE_PATH}: ${p.place} ${p.message}`);
    this.replace(key, { ...base, loaded: true, connections: parsed.connections, problems: parsed.problems });
  }

  private forgetFolder(key: string): void {
    this.replace(key, undefined);
  }

  private replace(key: string, next: TeamFolder | undefined): void {
    const before = this.folders.get(key);
    if (next) this.folders.set(key, next);
    else this.folders.delete(key);
    if (!before && !next) return;
    const after = new Map((next?.connections ?? []).map((c) => [c.id, c]));
    for (const old of before?.connections ?? []) {
      const now = after.get(old.id);
      if (!now) this.deleted.fire({ id: old.id, name: old.name });
      else if (JSON.stringify(now) !== JSON.stringify(old)) this.updated.fire({ before: old, after: now });
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const d of [...this.watchers, ...this.subscriptions]) d.dispose();
    this.changed.dispose();
    this.updated.dispose();
    this.deleted.dispose();
  }
}
