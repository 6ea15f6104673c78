// What readers of connections use: the personal ones (ConnectionStore, synced) and the team ones (workspace
// files), as one list. Writes stay with ConnectionStore; a team connection is changed in its file.
//
// Names: personal names are unique, team names are unique within their file, but a team connection may share
// its name with a personal one or with one of another folder. A lookup by name (settings, the API, commands
// given a name) finds the personal connection first, then the team connection of the first folder; a team
// connection whose name is taken is still reachable as `<folder name>/<name>`, and by its id. The tree and the
// chat show team connections under their folder, so two of one name are never confused on screen.
import type { Connection } from '../shared/connection';
import type { ConnectionStore } from './connectionStore';
import { Emitter, type Disposable, type Event } from './emitter';
import type { TeamConnections } from './teamConnections';
import { isTeamConnection } from './teamFile';

/** The read side of connections, as chat, the API, commands and views use it. */
export interface ConnectionLookup {
  list(): readonly Connection[];
  get(id: string): Connection | undefined;
  findByName(name: string): Connection | undefined;
  getDefault(): Connection | undefined;
  readonly onDidChange: Event<void>;
}

export class AllConnections implements ConnectionLookup, Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when either source changed. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly store: ConnectionStore,
    private readonly team: Pick<TeamConnections, 'list' | 'get' | 'findByName' | 'onDidChange' | 'onDidUpdate' | 'ready'>,
  ) {
    const fire = () => this.changed.fire();
    this.subscriptions = [store.onDidChange(fire), team.onDidChange(fire)];
  }

  /** A connection's fields changed, personal (saved) or team (its file edited). */
  readonly onDidUpdate: Event<{ before: Connection; after: Connection }> = (listener) => {
    const subscriptions = [this.store.onDidUpdate(listener), this.team.onDidUpdate(listener)];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  };

  /** Resolves when the stored connections are loaded (a version 1 document migrated) and every team file read once. */
  ready(): Promise<void> {
    return Promise.all([this.store.ready(), this.team.ready()]).then(() => undefined);
  }

  list(): readonly Connection[] {
    const team = this.team.list();
    return team.length ? [...this.store.list(), ...team] : this.store.list();
  }

  get(id: string): Connection | undefined {
    return this.store.get(id) ?? this.team.get(id);
  }

  findByName(name: string): Connection | undefined {
    return this.store.findByName(name) ?? this.team.findByName(name);
  }

  /** The default is always personal (it is stored, and synced, with the personal connections). */
  getDefault(): Connection | undefined {
    return this.store.getDefault();
  }

  defaultId(): string | undefined {
    return this.store.snapshot().defaultId;
  }

  isTeam(c: Connection): boolean {
    return isTeamConnection(c);
  }

  /** Ids of every connection here, personal (stored entries included) and team: keys under them are attached. */
  knownIds(): Set<string> {
    const ids = this.store.knownIds();
    for (const c of this.team.list()) ids.add(c.id);
    return ids;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
