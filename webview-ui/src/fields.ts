// The form's fields: each control with its label, hint and error line, bound to the draft. What a change
// means for the rest of the form is the form's business, reached through FieldHost.
import type { ConnectionDraft, DraftField, ValidationCode } from '../../src/shared/connection';
import type { FormStrings, KeyEnvState, ProviderOption } from '../../src/shared/protocol';
import { afterPointerRelease, el, setAttrs, setText } from './dom';
import { DRAFT_FIELDS } from '../../src/shared/draftSchema';
import { marker } from './status';
import {
  type ButtonEl,
  type CheckboxEl,
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

/** The draft fields edited in a plain text field. */
export type TextDraftField = 'name' | 'model' | 'apiUrl' | 'timeoutSeconds';

export interface TextFieldOptions {
  hint?: string;
  required?: boolean;
}

/** What the fields need from the form. */
export interface FieldHost {
  readonly draft: ConnectionDraft;
  readonly strings: FormStrings;
  readonly touched: Set<DraftField>;
  /** A field's value changed: clear its host-reported error, persist, re-validate. */
  changed(field: DraftField): void;
  persist(): void;
  renderErrors(): void;
}

export class FormFields {
  /** The control of each field, for error marking and focus. */
  readonly controls = new Map<DraftField, HTMLElement>();
  /** The error line of each field. */
  readonly errorEls = new Map<DraftField, HTMLElement>();

  constructor(private readonly host: FieldHost) {}

  errorEl(field: DraftField): HTMLElement {
    // Polite, not role="alert": it changes while the user types and must not interrupt them.
    const e = el('div', { id: `error-${field}`, class: 'error', 'data-role': `error-${field}`, 'aria-live': 'polite' });
    this.errorEls.set(field, e);
    return e;
  }

  /** Shows a field's error (or none) on its error line and its control. */
  showError(field: DraftField, code: ValidationCode | undefined): void {
    const errorEl = this.errorEls.get(field);
    if (errorEl) setText(errorEl, code ? this.host.strings.validation[code] : '');
    const control = this.controls.get(field);
    if (control) {
      setAttrs(control, { 'aria-invalid': code ? 'true' : undefined });
      control.classList.toggle('invalid', Boolean(code));
    }
  }

  /** The fields whose error line shows something, in form order. */
  visibleErrors(): DraftField[] {
    return DRAFT_FIELDS.filter((f) => (this.errorEls.get(f)?.textContent ?? '') !== '');
  }

  hintEl(field: string, text: string): HTMLElement {
    return el('div', { id: `hint-${field}`, class: 'hint' }, text);
  }

  textField(field: TextDraftField, label: string, opts: TextFieldOptions = {}): TextFieldEl {
    const { draft } = this.host;
    return this.boundTextField(field, label, draft[field], (value) => (draft[field] = value), opts);
  }

  /** A text field for a checked field kept anywhere in the draft: `set` writes what the user types. */
  boundTextField(field: DraftField, label: string, value: string, set: (value: string) => void, opts: TextFieldOptions = {}): TextFieldEl {
    const { touched } = this.host;
    const f = createTextField(label);
    setAttrs(f, {
      id: `field-${field}`,
      'data-field': field,
      'aria-describedby': opts.hint ? `hint-${field} error-${field}` : `error-${field}`,
      required: opts.required,
    });
    f.value = value;
    onTextInput(f, (typed) => {
      set(typed);
      touched.add(field);
      this.host.changed(field);
    });
    // The field counts as touched once the user leaves it, even unchanged (e.g. tabbing past an empty Name).
    f.addEventListener('focusout', () => {
      if (touched.has(field)) return;
      touched.add(field);
      this.host.persist();
      afterPointerRelease(() => this.host.renderErrors());
    });
    this.controls.set(field, f);
    return f;
  }

  /** A visible label for a dropdown (which has no label slot); clicking it focuses the control. */
  label(field: string, text: string, control: HTMLElement): HTMLElement {
    const l = el('label', { id: `label-${field}`, for: `field-${field}`, class: 'label' }, text);
    l.addEventListener('click', (e) => {
      e.preventDefault();
      control.focus();
    });
    return l;
  }

  name(): HTMLElement {
    const f = this.textField('name', this.host.strings.name, { required: true });
    f.classList.add('bidi');
    return el('div', { class: 'field' }, f, this.errorEl('name'));
  }

  /** The provider dropdown; `onChange` runs after the draft has the new provider. */
  provider(providers: readonly ProviderOption[], onChange: () => void): HTMLElement {
    const { draft, touched } = this.host;
    const d = createDropdown();
    setAttrs(d, {
      id: 'field-provider',
      'data-field': 'provider',
      'aria-labelledby': 'label-provider',
      'aria-describedby': 'error-provider',
      'aria-required': 'true',
    });
    const current = draft.provider;
    // An empty or unknown provider gets its own entry so the dropdown never silently shows a
    // provider the draft does not have.
    const items = providers.map((p) => ({ value: p.id, text: p.label }));
    if (!providers.some((p) => p.id === current)) items.unshift({ value: current, text: current });
    setDropdownOptions(d, items, current);
    onDropdownChange(d, (value) => {
      if (value === draft.provider) return;
      draft.provider = value;
      touched.add('provider');
      onChange();
      this.host.changed('provider');
    });
    this.controls.set('provider', d);
    return el('div', { class: 'field' }, this.label('provider', this.host.strings.provider, d), d, this.errorEl('provider'));
  }

  apiUrl(field: TextFieldEl): HTMLElement {
    const s = this.host.strings;
    field.classList.add('ltr');
    return el('div', { class: 'field' }, field, this.hintEl('apiUrl', s.apiUrlHint), this.errorEl('apiUrl'));
  }

  preset(presets: readonly string[]): HTMLElement {
    const { draft, touched, strings } = this.host;
    const d = createDropdown();
    setAttrs(d, {
      id: 'field-presetName',
      'data-field': 'presetName',
      'aria-labelledby': 'label-presetName',
      'aria-describedby': 'error-presetName',
    });
    const current = draft.presetName;
    const names = [...presets];
    // A preset removed from settings stays selectable, so opening and saving does not drop it.
    if (current && !names.includes(current)) names.unshift(current);
    setDropdownOptions(d, [{ value: '', text: strings.noPreset }, ...names.map((n) => ({ value: n, text: n }))], current);
    onDropdownChange(d, (value) => {
      if (value === draft.presetName) return;
      draft.presetName = value;
      touched.add('presetName');
      this.host.changed('presetName');
    });
    this.controls.set('presetName', d);
    return el('div', { class: 'field' }, this.label('presetName', strings.preset, d), d, this.errorEl('presetName'));
  }

  isDefault(): HTMLElement {
    const { draft } = this.host;
    const c: CheckboxEl = createCheckbox(this.host.strings.isDefault);
    setAttrs(c, { 'data-field': 'isDefault' });
    c.checked = draft.isDefault;
    onCheckboxChange(c, (checked) => {
      draft.isDefault = checked;
      this.host.persist();
    });
    return el('div', { class: 'field' }, c);
  }
}

/** The API key row: a button that asks the host for the native password box, and whether a key is stored. */
export class ApiKeyRow {
  readonly element: HTMLElement;
  private readonly button: ButtonEl;
  private readonly stateEl: HTMLElement;

  constructor(
    private readonly strings: FormStrings,
    onSetKey: () => void,
  ) {
    this.button = createButton(strings.setApiKey);
    setAttrs(this.button, { 'data-action': 'setApiKey', 'aria-describedby': 'key-state' });
    onClick(this.button, onSetKey);
    this.stateEl = el('span', { id: 'key-state', class: 'key-state', 'data-role': 'keyState', 'aria-live': 'polite' });
    this.element = el(
      'div',
      { class: 'field', role: 'group', 'aria-labelledby': 'label-apiKey' },
      el('div', { id: 'label-apiKey', class: 'label' }, strings.apiKey),
      el('div', { class: 'row' }, this.button, this.stateEl),
    );
  }

  render(hasApiKey: boolean, keyRequired: boolean, keyEnv?: KeyEnvState): void {
    const s = this.strings;
    this.button.textContent = hasApiKey ? s.updateApiKey : s.setApiKey;
    if (keyEnv) {
      // Read-only, like the stored state: the name only; the value never reaches the webview.
      const text = `${s.keyFromEnv} $${keyEnv.name}${keyEnv.set ? '' : ` — ${s.keyEnvNotSet}`}`;
      this.stateEl.replaceChildren(marker(keyEnv.set ? 'pass' : 'warn'), text);
      this.stateEl.dataset.state = keyEnv.set ? 'env' : 'envMissing';
      return;
    }
    const state = hasApiKey ? 'stored' : keyRequired ? 'missing' : 'notRequired';
    const text = state === 'stored' ? s.keyStored : state === 'missing' ? s.keyNotSet : s.keyNotRequired;
    this.stateEl.replaceChildren(marker(state === 'stored' ? 'pass' : state === 'missing' ? 'warn' : 'none'), text);
    this.stateEl.dataset.state = state;
  }
}
