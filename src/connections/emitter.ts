// A minimal event emitter with vscode.Event's shape, so the domain layer needs no vscode import.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => unknown) => Disposable;

export class Emitter<T> {
  private listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        // One broken listener must not stop the others from hearing about the change.
        console.error(err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
