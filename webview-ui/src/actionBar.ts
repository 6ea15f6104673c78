// The form's footer: Save, Test, Cancel, Delete (when editing) and the status line the Test result goes to.
import type { FormStrings } from '../../src/shared/protocol';
import { el, setAttrs } from './dom';
import { setBusy, setStatus } from './status';
import { type ButtonEl, createButton, onClick } from './toolkit';
import { post } from './vscodeApi';

const SAVE_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '\u2318Enter' : 'Ctrl+Enter';

export class ActionBar {
  readonly element: HTMLElement;
  private readonly saveButton: ButtonEl;
  private readonly testButton: ButtonEl;
  private readonly statusEl: HTMLElement;

  constructor(
    private readonly strings: FormStrings,
    mode: 'new' | 'edit',
    onSave: () => void,
    onTest: () => void,
  ) {
    const s = strings;
    this.saveButton = createButton(s.save, 'primary');
    setAttrs(this.saveButton, { 'data-action': 'save', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', title: `${s.save} (${SAVE_SHORTCUT})` });
    onClick(this.saveButton, onSave);

    this.testButton = createButton(s.test);
    setAttrs(this.testButton, { 'data-action': 'test', 'aria-describedby': 'status' });
    onClick(this.testButton, onTest);

    const cancel = createButton(s.cancel);
    setAttrs(cancel, { 'data-action': 'cancel' });
    onClick(cancel, () => post({ type: 'cancel' }));

    let del: ButtonEl | null = null;
    if (mode === 'edit') {
      del = createButton(s.delete);
      setAttrs(del, { 'data-action': 'delete' });
      onClick(del, () => post({ type: 'delete' }));
    }
    this.statusEl = el('div', { id: 'status', class: 'status-line', 'data-role': 'status', role: 'status', 'aria-live': 'polite' });
    this.element = el(
      'div',
      { class: 'footer' },
      el('div', { class: 'actions' }, this.saveButton, this.testButton, cancel, del && el('span', { class: 'spacer' }), del),
      this.statusEl,
    );
  }

  saving(busy: boolean): void {
    setBusy(this.saveButton, busy, busy ? this.strings.saving : this.strings.save);
  }

  testing(): void {
    setBusy(this.testButton, true, this.strings.testing);
    setStatus(this.statusEl, 'pending', this.strings.testing);
  }

  tested(ok: boolean, message: string): void {
    setBusy(this.testButton, false, this.strings.test);
    setStatus(this.statusEl, ok ? 'pass' : 'fail', message);
  }
}
