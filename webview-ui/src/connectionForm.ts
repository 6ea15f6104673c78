// The connection form: builds its DOM once per `init`, then updates it in place from user input and
// host messages. All user data reaches the DOM as text (`textContent`, `.value`, attribute values).
import type { ConnectionDraft, DraftField, FieldErrors, HeaderRow } from '../../src/shared/connection';
import type { FormStrings, ModelOption, ProviderOption, ToWebview } from '../../src/shared/protocol';
import { validateDraft } from '../../src/shared/validation';
import { byModelId } from '../../src/shared/modelOrder';
import { el, format, setAttrs, setText } from './dom';
import { DRAFT_FIELDS } from './parseToWebview';
import {
  type ButtonEl,
  type CheckboxEl,
  type DropdownEl,
  type TextFieldEl,
  createButton,
  createCheckbox,
  createDropdown,
  createTextField,
  onCheckboxChange,
  onClick,
  onDropdownChange,
  onTextInput,
  setDropdownOptions,
} from './toolkit';
import { type PersistedState, post, saveState } from './vscodeApi';

export type InitMessage = Extract<ToWebview, { type: 'init' }>;

/** Headers are capped by the protocol's draft parser on the host side. */
const MAX_HEADERS = 50;
/** Fields a live request (test, fetch models) depends on; Name does not matter for those. */
const REQUEST_FIELDS: readonly DraftField[] = ['provider', 'apiUrl', 'headers', 'timeoutSeconds'];
const ADVANCED_FIELDS: readonly DraftField[] = ['headers', 'timeoutSeconds'];

const SAVE_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '\u2318Enter' : 'Ctrl+Enter';

/** The draft fields edited in a plain text field. */
type TextDraftField = 'name' | 'model' | 'apiUrl' | 'timeoutSeconds';

type Pending = { save: number | null; test: number | null; models: number | null };

export class ConnectionForm {
  private readonly strings: FormStrings;
  private readonly providers: ProviderOption[];
  private readonly providerIds: string[];
  private readonly otherNames: string[];
  private readonly draft: ConnectionDraft;
  private readonly touched: Set<DraftField>;
  private submitted: boolean;
  private advancedOpen: boolean;
  private hasApiKey: boolean;
  /** Errors the host reported on save, shown until the user edits that field. */
  private serverErrors: FieldErrors = {};
  /**
   * Starts from the clock, not 1: the page is rebuilt whenever the panel is hidden, and a reply to a
   * request sent before that must not match a new request of the rebuilt page.
   */
  private nextRequestId = Date.now();
  private readonly pending: Pending = { save: null, test: null, models: null };
  private models: ModelOption[] = [];
  private readonly refocus = new WeakSet<ButtonEl>();

  // Elements updated after the initial build.
  private readonly controls = new Map<DraftField, HTMLElement>();
  private readonly errorEls = new Map<DraftField, HTMLElement>();
  private formErrorEl!: HTMLElement;
  private apiUrlField!: TextFieldEl;
  private modelField!: TextFieldEl;
  private modelPicker!: DropdownEl;
  private modelsStatusEl!: HTMLElement;
  private keyButton!: ButtonEl;
  private keyStateEl!: HTMLElement;
  private headerRowsEl!: HTMLElement;
  private addHeaderButton!: ButtonEl;
  private advancedEl!: HTMLDetailsElement;
  private saveButton!: ButtonEl;
  private testButton!: ButtonEl;
  private fetchButton!: ButtonEl;
  private statusEl!: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly init: InitMessage,
    restored: PersistedState | undefined,
  ) {
    this.strings = init.strings;
    this.providers = init.providers;
    this.providerIds = init.providers.map((p) => p.id);
    this.otherNames = init.otherNames;
    this.hasApiKey = init.hasApiKey;
    const useRestored = restored !== undefined && restored.connectionId === init.connectionId;
    this.draft = cloneDraft(useRestored ? restored.draft : init.draft);
    this.touched = new Set(useRestored ? (restored.touched.filter((t) => isDraftField(t)) as DraftField[]) : []);
    this.submitted = useRestored ? restored.submitted : false;
    this.advancedOpen = useRestored
      ? restored.advancedOpen
      : this.draft.headers.length > 0 || this.draft.timeoutSeconds.trim() !== '';
    this.build();
    this.renderErrors();
    this.renderKeyState();
    this.persist();
    // Custom elements upgrade on insertion; focus once the inner <input> exists.
    requestAnimationFrame(() => this.controls.get('name')?.focus());
  }

  /** Host messages other than `init` (which rebuilds the form). */
  handle(msg: Exclude<ToWebview, InitMessage>): void {
    switch (msg.type) {
      case 'keyState':
        this.hasApiKey = msg.hasApiKey;
        this.renderKeyState();
        return;
      case 'saveResult':
        if (msg.requestId !== this.pending.save) return;
        this.pending.save = null;
        this.setBusy(this.saveButton, false, this.strings.save);
        this.serverErrors = msg.ok ? {} : { ...msg.errors };
        setText(this.formErrorEl, msg.ok ? '' : (msg.message ?? ''));
        this.formErrorEl.hidden = this.formErrorEl.textContent === '';
        this.renderErrors();
        if (!msg.ok) this.focusFirstError();
        return;
      case 'modelsResult':
        if (msg.requestId !== this.pending.models) return;
        this.pending.models = null;
        this.setBusy(this.fetchButton, false, this.strings.fetchModels);
        if (msg.ok) {
          this.models = byModelId(msg.models);
          this.setStatus(this.modelsStatusEl, 'ok', format(this.strings.modelsFound, msg.models.length));
          this.renderModelPicker();
        } else {
          this.models = [];
          this.renderModelPicker();
          this.setStatus(this.modelsStatusEl, 'fail', msg.message ?? '');
        }
        return;
      case 'testResult':
        if (msg.requestId !== this.pending.test) return;
        this.pending.test = null;
        this.setBusy(this.testButton, false, this.strings.test);
        this.setStatus(this.statusEl, msg.ok ? 'pass' : 'fail', msg.message);
        return;
      default:
        assertNever(msg);
    }
  }

  /** Ctrl/Cmd+Enter anywhere in the form. */
  save(): void {
    if (this.pending.save !== null) return;
    this.submitted = true;
    this.serverErrors = {};
    setText(this.formErrorEl, '');
    this.formErrorEl.hidden = true;
    this.persist();
    const errors = this.renderErrors();
    if (Object.keys(errors).length > 0) {
      // The host would answer with the same codes (it runs the same validation); save it the trip.
      this.focusFirstError();
      return;
    }
    const requestId = this.nextRequestId++;
    this.pending.save = requestId;
    this.setBusy(this.saveButton, true, this.strings.saving);
    post({ type: 'save', requestId, draft: cloneDraft(this.draft) });
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  private build(): void {
    const s = this.strings;
    const title =
      this.init.mode === 'edit' ? format(s.titleEdit, this.init.draft.name) : format(s.titleNew, this.init.draft.name);
    this.formErrorEl = el('div', { class: 'form-error', 'data-role': 'formError', role: 'alert', hidden: true });

    const form = el(
      'main',
      { class: 'form', 'aria-labelledby': 'form-title' },
      el('h1', { id: 'form-title', class: 'title', dir: 'auto' }, title),
      this.formErrorEl,
      this.buildName(),
      this.buildProvider(),
      this.buildModel(),
      this.buildApiUrl(),
      this.buildApiKey(),
      this.buildPreset(),
      this.buildDefault(),
      this.buildAdvanced(),
      this.buildActions(),
    );
    this.root.replaceChildren(form);
  }

  private errorEl(field: DraftField): HTMLElement {
    // Polite, not role="alert": it changes while the user types and must not interrupt them.
    const e = el('div', { id: `error-${field}`, class: 'error', 'data-role': `error-${field}`, 'aria-live': 'polite' });
    this.errorEls.set(field, e);
    return e;
  }

  private hintEl(field: string, text: string): HTMLElement {
    return el('div', { id: `hint-${field}`, class: 'hint' }, text);
  }

  private textField(field: TextDraftField, label: string, opts: { hint?: string; required?: boolean } = {}): TextFieldEl {
    const f = createTextField(label);
    setAttrs(f, {
      id: `field-${field}`,
      'data-field': field,
      'aria-describedby': opts.hint ? `hint-${field} error-${field}` : `error-${field}`,
      required: opts.required,
    });
    f.value = this.draft[field];
    onTextInput(f, (value) => {
      this.draft[field] = value;
      this.touched.add(field);
      this.changed(field);
    });
    // The field counts as touched once the user leaves it, even unchanged (e.g. tabbing past an empty Name).
    f.addEventListener('focusout', () => {
      if (this.touched.has(field)) return;
      this.touched.add(field);
      this.persist();
      afterPointerRelease(() => this.renderErrors());
    });
    this.controls.set(field, f);
    return f;
  }

  private buildName(): HTMLElement {
    const f = this.textField('name', this.strings.name, { required: true });
    f.classList.add('bidi');
    return el('div', { class: 'field' }, f, this.errorEl('name'));
  }

  private buildProvider(): HTMLElement {
    const s = this.strings;
    const d = createDropdown();
    setAttrs(d, {
      id: 'field-provider',
      'data-field': 'provider',
      'aria-labelledby': 'label-provider',
      'aria-describedby': 'error-provider',
      'aria-required': 'true',
    });
    const current = this.draft.provider;
    // An empty or unknown provider gets its own entry so the dropdown never silently shows a
    // provider the draft does not have.
    const items = this.providers.map((p) => ({ value: p.id, text: p.label }));
    if (!this.providerIds.includes(current)) items.unshift({ value: current, text: current });
    setDropdownOptions(d, items, current);
    onDropdownChange(d, (value) => {
      if (value === this.draft.provider) return;
      this.draft.provider = value;
      this.touched.add('provider');
      this.apiUrlField.placeholder = this.provider()?.defaultUrl ?? '';
      this.renderKeyState();
      this.forgetModels();
      this.changed('provider');
    });
    this.controls.set('provider', d);
    return el('div', { class: 'field' }, this.label('provider', s.provider, d), d, this.errorEl('provider'));
  }

  /** A visible label for a dropdown (which has no label slot); clicking it focuses the control. */
  private label(field: string, text: string, control: HTMLElement): HTMLElement {
    const l = el('label', { id: `label-${field}`, for: `field-${field}`, class: 'label' }, text);
    l.addEventListener('click', (e) => {
      e.preventDefault();
      control.focus();
    });
    return l;
  }

  private buildModel(): HTMLElement {
    const s = this.strings;
    this.modelField = this.textField('model', s.model);
    this.modelField.placeholder = s.modelPlaceholder;
    this.modelField.classList.add('grow');
    this.fetchButton = createButton(s.fetchModels);
    setAttrs(this.fetchButton, { 'data-action': 'fetchModels', 'aria-describedby': 'models-status' });
    onClick(this.fetchButton, () => this.fetchModels());

    this.modelsStatusEl = el('div', { id: 'models-status', class: 'status-line', 'data-role': 'modelsStatus', 'aria-live': 'polite' });
    this.modelPicker = createDropdown();
    setAttrs(this.modelPicker, { 'data-role': 'modelPicker', 'aria-labelledby': 'models-status', hidden: true });
    this.modelPicker.classList.add('model-picker');
    onDropdownChange(this.modelPicker, (value) => {
      if (!value || value === this.draft.model) return;
      this.draft.model = value;
      this.modelField.value = value;
      this.changed('model');
    });
    return el(
      'div',
      { class: 'field' },
      el('div', { class: 'row align-end' }, this.modelField, this.fetchButton),
      this.modelsStatusEl,
      this.modelPicker,
      this.errorEl('model'),
    );
  }

  private buildApiUrl(): HTMLElement {
    const f = this.textField('apiUrl', this.strings.apiUrl, { hint: this.strings.apiUrlHint });
    f.placeholder = this.provider()?.defaultUrl ?? '';
    f.classList.add('ltr');
    this.apiUrlField = f;
    return el('div', { class: 'field' }, f, this.hintEl('apiUrl', this.strings.apiUrlHint), this.errorEl('apiUrl'));
  }

  private buildApiKey(): HTMLElement {
    this.keyButton = createButton(this.strings.setApiKey);
    setAttrs(this.keyButton, { 'data-action': 'setApiKey', 'aria-describedby': 'key-state' });
    onClick(this.keyButton, () => post({ type: 'setApiKey' }));
    this.keyStateEl = el('span', { id: 'key-state', class: 'key-state', 'data-role': 'keyState', 'aria-live': 'polite' });
    return el(
      'div',
      { class: 'field', role: 'group', 'aria-labelledby': 'label-apiKey' },
      el('div', { id: 'label-apiKey', class: 'label' }, this.strings.apiKey),
      el('div', { class: 'row' }, this.keyButton, this.keyStateEl),
    );
  }

  private buildPreset(): HTMLElement {
    const d = createDropdown();
    setAttrs(d, {
      id: 'field-presetName',
      'data-field': 'presetName',
      'aria-labelledby': 'label-presetName',
      'aria-describedby': 'error-presetName',
    });
    const current = this.draft.presetName;
    const names = [...this.init.presets];
    // A preset removed from settings stays selectable, so opening and saving does not drop it.
    if (current && !names.includes(current)) names.unshift(current);
    setDropdownOptions(d, [{ value: '', text: this.strings.noPreset }, ...names.map((n) => ({ value: n, text: n }))], current);
    onDropdownChange(d, (value) => {
      if (value === this.draft.presetName) return;
      this.draft.presetName = value;
      this.touched.add('presetName');
      this.changed('presetName');
    });
    this.controls.set('presetName', d);
    return el('div', { class: 'field' }, this.label('presetName', this.strings.preset, d), d, this.errorEl('presetName'));
  }

  private buildDefault(): HTMLElement {
    const c: CheckboxEl = createCheckbox(this.strings.isDefault);
    setAttrs(c, { 'data-field': 'isDefault' });
    c.checked = this.draft.isDefault;
    onCheckboxChange(c, (checked) => {
      this.draft.isDefault = checked;
      this.persist();
    });
    return el('div', { class: 'field' }, c);
  }

  private buildAdvanced(): HTMLElement {
    const s = this.strings;
    this.headerRowsEl = el('div', { class: 'header-rows', 'data-field': 'headers' });
    this.addHeaderButton = createButton(s.addHeader);
    setAttrs(this.addHeaderButton, { 'data-action': 'addHeader' });
    onClick(this.addHeaderButton, () => this.addHeader());
    this.renderHeaderRows();

    const headers = el(
      'fieldset',
      { class: 'field headers', 'aria-describedby': 'error-headers' },
      el('legend', { class: 'label' }, s.headers),
      this.headerRowsEl,
      el('div', { class: 'row' }, this.addHeaderButton),
      this.errorEl('headers'),
    );
    const timeout = this.textField('timeoutSeconds', s.timeout, { hint: s.timeoutHint });
    timeout.classList.add('narrow', 'ltr');

    this.advancedEl = el(
      'details',
      { class: 'advanced', open: this.advancedOpen },
      el('summary', {}, s.advanced),
      el(
        'div',
        { class: 'advanced-body' },
        headers,
        el('div', { class: 'field' }, timeout, this.hintEl('timeoutSeconds', s.timeoutHint), this.errorEl('timeoutSeconds')),
      ),
    );
    this.advancedEl.addEventListener('toggle', () => {
      this.advancedOpen = this.advancedEl.open;
      this.persist();
    });
    return this.advancedEl;
  }

  private buildActions(): HTMLElement {
    const s = this.strings;
    this.saveButton = createButton(s.save, 'primary');
    setAttrs(this.saveButton, { 'data-action': 'save', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', title: `${s.save} (${SAVE_SHORTCUT})` });
    onClick(this.saveButton, () => this.save());

    this.testButton = createButton(s.test);
    setAttrs(this.testButton, { 'data-action': 'test', 'aria-describedby': 'status' });
    onClick(this.testButton, () => this.test());

    const cancel = createButton(s.cancel);
    setAttrs(cancel, { 'data-action': 'cancel' });
    onClick(cancel, () => post({ type: 'cancel' }));

    let del: ButtonEl | null = null;
    if (this.init.mode === 'edit') {
      del = createButton(s.delete);
      setAttrs(del, { 'data-action': 'delete' });
      onClick(del, () => post({ type: 'delete' }));
    }
    this.statusEl = el('div', { id: 'status', class: 'status-line', 'data-role': 'status', role: 'status', 'aria-live': 'polite' });
    return el(
      'div',
      { class: 'footer' },
      el('div', { class: 'actions' }, this.saveButton, this.testButton, cancel, del && el('span', { class: 'spacer' }), del),
      this.statusEl,
    );
  }

  private renderHeaderRows(focus?: { index: number; part: 'name' | 'value' } | 'add'): void {
    const s = this.strings;
    const rows = this.draft.headers.map((row, index) => {
      const name = this.headerField(row, 'name', s.headerName, index);
      const value = this.headerField(row, 'value', s.headerValue, index);
      const remove = createButton(s.removeHeader);
      setAttrs(remove, {
        'data-action': 'removeHeader',
        'data-header-index': String(index),
        'aria-label': `${s.removeHeader} (${s.headerName} ${index + 1})`,
      });
      onClick(remove, () => this.removeHeader(index));
      return el('div', { class: 'row header-row', 'data-header-index': String(index) }, name, value, remove);
    });
    this.headerRowsEl.replaceChildren(...rows);
    this.addHeaderButton.disabled = this.draft.headers.length >= MAX_HEADERS;
    if (focus === 'add') this.addHeaderButton.focus();
    else if (focus) {
      const target = this.headerRowsEl.querySelectorAll<HTMLElement>(`[data-field="header${focus.part === 'name' ? 'Name' : 'Value'}"]`)[focus.index];
      target?.focus();
    }
  }

  private headerField(row: HeaderRow, part: 'name' | 'value', label: string, index: number): TextFieldEl {
    const f = createTextField(`${label} ${index + 1}`, { hideLabel: true });
    setAttrs(f, {
      'data-field': part === 'name' ? 'headerName' : 'headerValue',
      'data-header-index': String(index),
      'aria-describedby': 'error-headers',
      placeholder: label,
    });
    f.classList.add('grow', 'ltr');
    f.value = row[part];
    onTextInput(f, (value) => {
      row[part] = value;
      this.touched.add('headers');
      this.changed('headers');
    });
    return f;
  }

  private addHeader(): void {
    if (this.draft.headers.length >= MAX_HEADERS) return;
    this.draft.headers.push({ name: '', value: '' });
    this.renderHeaderRows({ index: this.draft.headers.length - 1, part: 'name' });
    this.changed('headers');
  }

  private removeHeader(index: number): void {
    this.draft.headers.splice(index, 1);
    const n = this.draft.headers.length;
    this.renderHeaderRows(n === 0 ? 'add' : { index: Math.min(index, n - 1), part: 'name' });
    this.touched.add('headers');
    this.changed('headers');
  }

  // ---------------------------------------------------------------------------------------------
  // Behaviour

  private provider(): ProviderOption | undefined {
    return this.providers.find((p) => p.id === this.draft.provider);
  }

  private changed(field: DraftField): void {
    delete this.serverErrors[field];
    this.persist();
    this.renderErrors();
  }

  private persist(): void {
    saveState({
      v: 1,
      connectionId: this.init.connectionId,
      draft: this.draft,
      touched: [...this.touched],
      submitted: this.submitted,
      advancedOpen: this.advancedOpen,
    });
  }

  /** Shows each visible error beside its field; returns the client-side errors for the whole draft. */
  private renderErrors(): FieldErrors {
    const errors = validateDraft(this.draft, this.otherNames, this.providerIds);
    for (const field of DRAFT_FIELDS) {
      const code = (this.submitted || this.touched.has(field) ? errors[field] : undefined) ?? this.serverErrors[field];
      const errorEl = this.errorEls.get(field);
      if (errorEl) setText(errorEl, code ? this.strings.validation[code] : '');
      const control = this.controls.get(field);
      if (control) {
        setAttrs(control, { 'aria-invalid': code ? 'true' : undefined });
        control.classList.toggle('invalid', Boolean(code));
      }
      if (field === 'headers') {
        for (const f of this.headerRowsEl.querySelectorAll('[data-field]')) {
          setAttrs(f, { 'aria-invalid': code ? 'true' : undefined });
          f.classList.toggle('invalid', Boolean(code));
        }
      }
    }
    return errors;
  }

  private visibleErrorFields(): DraftField[] {
    return DRAFT_FIELDS.filter((f) => (this.errorEls.get(f)?.textContent ?? '') !== '');
  }

  private focusFirstError(): void {
    const first = this.visibleErrorFields()[0];
    if (!first) return;
    if (ADVANCED_FIELDS.includes(first) && !this.advancedEl.open) {
      this.advancedEl.open = true;
      this.advancedOpen = true;
      this.persist();
    }
    const target =
      first === 'headers'
        ? (this.headerRowsEl.querySelector<HTMLElement>('[data-field]') ?? this.addHeaderButton)
        : this.controls.get(first);
    target?.focus();
  }

  /** Marks the request-relevant fields as touched; true when they are valid enough to send. */
  private requestReady(): boolean {
    for (const f of REQUEST_FIELDS) this.touched.add(f);
    this.persist();
    const errors = this.renderErrors();
    if (REQUEST_FIELDS.some((f) => errors[f])) {
      this.focusFirstError();
      return false;
    }
    return true;
  }

  private fetchModels(): void {
    if (this.pending.models !== null || !this.requestReady()) return;
    const requestId = this.nextRequestId++;
    this.pending.models = requestId;
    this.setBusy(this.fetchButton, true, this.strings.fetchingModels);
    this.setStatus(this.modelsStatusEl, 'pending', this.strings.fetchingModels);
    post({ type: 'fetchModels', requestId, draft: cloneDraft(this.draft) });
  }

  private test(): void {
    if (this.pending.test !== null || !this.requestReady()) return;
    const requestId = this.nextRequestId++;
    this.pending.test = requestId;
    this.setBusy(this.testButton, true, this.strings.testing);
    this.setStatus(this.statusEl, 'pending', this.strings.testing);
    post({ type: 'test', requestId, draft: cloneDraft(this.draft) });
  }

  /** A fetched list (or one in flight) belongs to the provider it was fetched for. */
  private forgetModels(): void {
    if (this.pending.models !== null) {
      this.pending.models = null;
      this.setBusy(this.fetchButton, false, this.strings.fetchModels);
    }
    this.models = [];
    this.renderModelPicker();
    this.modelsStatusEl.replaceChildren();
    delete this.modelsStatusEl.dataset.state;
  }

  private renderModelPicker(): void {
    const picker = this.modelPicker;
    if (this.models.length === 0) {
      picker.replaceChildren();
      picker.hidden = true;
      return;
    }
    const current = this.draft.model;
    const known = this.models.some((m) => m.id === current);
    // The first entry only describes the list, so that the current model stays what it is until the
    // user picks another one.
    const items = [{ value: '', text: format(this.strings.modelsFound, this.models.length) }];
    for (const m of this.models) if (m.id) items.push({ value: m.id, text: modelText(m) });
    setDropdownOptions(picker, items, known ? current : '');
    picker.hidden = false;
  }

  private renderKeyState(): void {
    const s = this.strings;
    this.keyButton.textContent = this.hasApiKey ? s.updateApiKey : s.setApiKey;
    const keyRequired = this.provider()?.keyRequired ?? true;
    const state = this.hasApiKey ? 'stored' : keyRequired ? 'missing' : 'notRequired';
    const text = state === 'stored' ? s.keyStored : state === 'missing' ? s.keyNotSet : s.keyNotRequired;
    this.keyStateEl.replaceChildren(marker(state === 'stored' ? 'pass' : state === 'missing' ? 'warn' : 'none'), text);
    this.keyStateEl.dataset.state = state;
  }

  private setBusy(button: ButtonEl, busy: boolean, label: string): void {
    // Disabling the focused button drops focus to <body>; a keyboard user gets it back when it is done.
    if (busy && document.activeElement === button) this.refocus.add(button);
    button.disabled = busy;
    button.textContent = label;
    setAttrs(button, { 'aria-busy': busy ? 'true' : undefined });
    if (!busy && this.refocus.delete(button)) {
      // The library re-enables its inner <button> on its next render, not synchronously.
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) button.focus();
      });
    }
  }

  private setStatus(target: HTMLElement, state: 'pass' | 'ok' | 'fail' | 'pending', text: string): void {
    target.dataset.state = state;
    target.replaceChildren(...(state === 'ok' ? [] : [marker(state)]), el('span', { class: 'status-text', dir: 'auto' }, text));
  }
}

let pointerDown = false;
let afterRelease: (() => void)[] = [];
document.addEventListener('pointerdown', () => (pointerDown = true), true);
for (const type of ['pointerup', 'pointercancel'] as const) {
  document.addEventListener(
    type,
    () => {
      pointerDown = false;
      const queued = afterRelease;
      afterRelease = [];
      // After the click that this release completes has been dispatched.
      if (queued.length) setTimeout(() => queued.forEach((fn) => fn()), 0);
    },
    true,
  );
}

/**
 * Runs `fn` now, or — when a mouse button is down — once it is released. Leaving a field by clicking
 * a button below it shows the field's error; rendered at mousedown, the message would push the
 * button away from under the pointer and the click would be lost.
 */
function afterPointerRelease(fn: () => void): void {
  if (pointerDown) afterRelease.push(fn);
  else fn();
}

function marker(kind: 'pass' | 'fail' | 'warn' | 'pending' | 'none'): HTMLElement {
  const glyph = { pass: '\u2713', fail: '\u2717', warn: '!', pending: '\u2026', none: '\u2013' }[kind];
  return el('span', { class: `marker marker-${kind}`, 'aria-hidden': 'true' }, glyph);
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

function cloneDraft(d: ConnectionDraft): ConnectionDraft {
  return { ...d, headers: d.headers.map((h) => ({ ...h })) };
}

function isDraftField(v: string): v is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(v);
}

function assertNever(x: never): never {
  throw new Error(`Unhandled message ${JSON.stringify(x)}`);
}
