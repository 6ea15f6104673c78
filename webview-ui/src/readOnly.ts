// A team connection's form: every field read-only (its file owns them), Save and Delete gone; only the local
// API key (set through VS Code's own password prompt), Test and Cancel remain. The host refuses a save too.
import { el } from './dom';

const KEPT_ACTIONS = new Set(['setApiKey', 'test', 'cancel']);
const CONTROLS = 'vscode-text-field, vscode-text-area, vscode-dropdown, vscode-checkbox, vscode-button, input, select, textarea, button';

export function applyReadOnly(root: HTMLElement, note: string): void {
  for (const action of ['save', 'delete']) root.querySelector(`[data-action="${action}"]`)?.remove();
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) {
    const action = control.getAttribute('data-action');
    if (action && KEPT_ACTIONS.has(action)) continue;
    control.setAttribute('disabled', '');
    control.setAttribute('aria-readonly', 'true');
  }
  const title = root.querySelector('h1');
  title?.after(el('p', { class: 'read-only-note', 'data-role': 'readOnly', role: 'note' }, note));
}
