// Busy buttons and status lines: what a request in flight and its outcome look like in the form.
import { el, setAttrs } from './dom';
import type { ButtonEl } from './toolkit';

export type MarkerKind = 'pass' | 'fail' | 'warn' | 'pending' | 'none';
export type StatusState = 'pass' | 'ok' | 'fail' | 'pending';

/** Buttons that had focus when they went busy. */
const refocus = new WeakSet<ButtonEl>();

export function marker(kind: MarkerKind): HTMLElement {
  const glyph = { pass: '\u2713', fail: '\u2717', warn: '!', pending: '\u2026', none: '\u2013' }[kind];
  return el('span', { class: `marker marker-${kind}`, 'aria-hidden': 'true' }, glyph);
}

export function setBusy(button: ButtonEl, busy: boolean, label: string): void {
  // Disabling the focused button drops focus to <body>; a keyboard user gets it back when it is done.
  if (busy && document.activeElement === button) refocus.add(button);
  button.disabled = busy;
  button.textContent = label;
  setAttrs(button, { 'aria-busy': busy ? 'true' : undefined });
  if (!busy && refocus.delete(button)) {
    // The library re-enables its inner <button> on its next render, not synchronously.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || document.activeElement === null) button.focus();
    });
  }
}

export function setStatus(target: HTMLElement, state: StatusState, text: string): void {
  target.dataset.state = state;
  target.replaceChildren(...(state === 'ok' ? [] : [marker(state)]), el('span', { class: 'status-text', dir: 'auto' }, text));
}

/** Empties a status line (no marker, no state). */
export function clearStatus(target: HTMLElement): void {
  target.replaceChildren();
  delete target.dataset.state;
}
