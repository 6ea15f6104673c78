// The model row of the form: the Model field, *Fetch Models*, the list's status line and the dropdown of
// fetched models. A fetched list (or one in flight) belongs to the provider it was fetched for.
import type { FormStrings, ModelOption, ToWebview } from '../../src/shared/protocol';
import { el, format, setAttrs } from './dom';
import { clearStatus, setBusy, setStatus } from './status';
import { type ButtonEl, type DropdownEl, type TextFieldEl, createButton, createDropdown, onClick, onDropdownChange, setDropdownOptions } from './toolkit';
import { byModelId } from '../../src/shared/modelOrder';

type ModelsResult = Extract<ToWebview, { type: 'modelsResult' }>;

export class ModelPicker {
  readonly element: HTMLElement;
  private readonly fetchButton: ButtonEl;
  private readonly statusEl: HTMLElement;
  private readonly picker: DropdownEl;
  private models: ModelOption[] = [];
  private pendingRequest: number | null = null;

  /**
   * @param current the draft's model now
   * @param onPick a model picked from the list (never the list's description entry, never the current one)
   * @param onFetch *Fetch Models* clicked; the form decides whether to send, then calls `started`
   */
  constructor(
    modelField: TextFieldEl,
    errorEl: HTMLElement,
    private readonly strings: FormStrings,
    private readonly current: () => string,
    onPick: (model: string) => void,
    onFetch: () => void,
  ) {
    modelField.placeholder = strings.modelPlaceholder;
    modelField.classList.add('grow');
    this.fetchButton = createButton(strings.fetchModels);
    setAttrs(this.fetchButton, { 'data-action': 'fetchModels', 'aria-describedby': 'models-status' });
    onClick(this.fetchButton, onFetch);

    this.statusEl = el('div', { id: 'models-status', class: 'status-line', 'data-role': 'modelsStatus', 'aria-live': 'polite' });
    this.picker = createDropdown();
    setAttrs(this.picker, { 'data-role': 'modelPicker', 'aria-labelledby': 'models-status', hidden: true });
    this.picker.classList.add('model-picker');
    onDropdownChange(this.picker, (value) => {
      if (!value || value === this.current()) return;
      onPick(value);
    });
    this.element = el(
      'div',
      { class: 'field' },
      el('div', { class: 'row align-end' }, modelField, this.fetchButton),
      this.statusEl,
      this.picker,
      errorEl,
    );
  }

  get fetching(): boolean {
    return this.pendingRequest !== null;
  }

  /** A fetch request went out with this id. */
  started(requestId: number): void {
    this.pendingRequest = requestId;
    setBusy(this.fetchButton, true, this.strings.fetchingModels);
    setStatus(this.statusEl, 'pending', this.strings.fetchingModels);
  }

  /** The host's answer; one to an older or forgotten request is ignored. */
  receive(msg: ModelsResult): void {
    if (msg.requestId !== this.pendingRequest) return;
    this.pendingRequest = null;
    setBusy(this.fetchButton, false, this.strings.fetchModels);
    if (msg.ok) {
      this.models = byModelId(msg.models);
      const status =
        msg.total !== undefined && msg.total > msg.models.length
          ? format(this.strings.modelsShown, msg.models.length, msg.total)
          : format(this.strings.modelsFound, msg.models.length);
      setStatus(this.statusEl, 'ok', status);
      this.render();
    } else {
      this.models = [];
      this.render();
      setStatus(this.statusEl, 'fail', msg.message ?? '');
    }
  }

  /** Drops the list and any fetch in flight (the provider changed). */
  forget(): void {
    if (this.pendingRequest !== null) {
      this.pendingRequest = null;
      setBusy(this.fetchButton, false, this.strings.fetchModels);
    }
    this.models = [];
    this.render();
    clearStatus(this.statusEl);
  }

  private render(): void {
    const picker = this.picker;
    if (this.models.length === 0) {
      picker.replaceChildren();
      picker.hidden = true;
      return;
    }
    const current = this.current();
    const known = this.models.some((m) => m.id === current);
    // The first entry only describes the list, so that the current model stays what it is until the
    // user picks another one.
    const items = [{ value: '', text: format(this.strings.modelsFound, this.models.length) }];
    for (const m of this.models) if (m.id) items.push({ value: m.id, text: modelText(m) });
    setDropdownOptions(picker, items, known ? current : '');
    picker.hidden = false;
  }
}

function modelText(m: ModelOption): string {
  const name = m.label && m.label !== m.id ? `${m.label} (${m.id})` : m.id;
  return m.contextLength ? `${name} \u00b7 ${formatTokens(m.contextLength)}` : name;
}

function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${Math.round(n / 100_000) / 10}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}K`;
  return String(n);
}
