// How a window learns of what other windows (and Settings Sync) wrote. globalState has no change event, but
// VS Code delivers another window's globalState write to this extension host within about half a second
// (code-server: 300–500 ms) without telling the extension. So the store looks: a check that compares the
// identity of each stored value (no parse, no I/O: the Memento is an in-memory map) twice a second while
// the window is focused, every few seconds while it is not, and at once when it gains focus.
//
// Not SecretStorage's change event as the signal: code-server does not share secrets live between windows
// (each tab rewrites its whole sealed copy on a write, so a "revision" secret written on every change would
// erase keys another tab stored meanwhile), and on desktop the poll is just as fast.
import type { Disposable } from './emitter';

export interface OutsideChangeTarget {
  checkForOutsideChanges(): Promise<boolean>;
}

export interface WindowFocus {
  focused(): boolean;
  onDidChangeFocus(listener: (focused: boolean) => unknown): Disposable;
}

export const FOCUSED_CHECK_MS = 500;
export const UNFOCUSED_CHECK_MS = 3_000;

export function watchOutsideChanges(
  store: OutsideChangeTarget,
  focus: WindowFocus,
  report: (error: unknown) => void,
  intervals = { focusedMs: FOCUSED_CHECK_MS, unfocusedMs: UNFOCUSED_CHECK_MS },
): Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let running = false;
  const check = async () => {
    if (running || disposed) return;
    running = true;
    try {
      await store.checkForOutsideChanges();
    } catch (error) {
      report(error);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (disposed) return;
    // check() catches everything itself.
    timer = setTimeout(() => check().then(schedule, schedule), focus.focused() ? intervals.focusedMs : intervals.unfocusedMs);
  };
  const focusSub = focus.onDidChangeFocus((focused) => {
    if (focused) check().catch(report);
  });
  schedule();
  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      focusSub.dispose();
    },
  };
}
