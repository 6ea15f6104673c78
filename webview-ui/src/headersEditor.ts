// The custom-headers editor of the form's Advanced section: one name/value row per header, add and remove.
// It edits the draft's header array in place and tells the form what changed. Values are write-only: a header
// whose value is stored arrives with an empty value and `stored`; left empty, the stored value is kept.
import type { HeaderRow } from '../../src/shared/connection';
import type { FormStrings } from '../../src/shared/protocol';
import { el, setAttrs } from './dom';
import { type ButtonEl, type TextFieldEl, createButton, createTextField, onClick, onTextInput } from './toolkit';

/** Headers are capped by the protocol's draft parser on the host side. */
const MAX_HEADERS = 50;

type Focus = { index: number; part: 'name' | 'value' } | 'add';

export class HeadersEditor {
  readonly element: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly addButton: ButtonEl;

  /**
   * @param rows the draft's headers, edited in place
   * @param edited called after every edit; `touched` says whether it counts as the user touching the field
   */
  constructor(
    private readonly rows: HeaderRow[],
    private readonly strings: FormStrings,
    errorEl: HTMLElement,
    private readonly edited: (touched: boolean) => void,
  ) {
    this.rowsEl = el('div', { class: 'header-rows', 'data-field': 'headers' });
    this.addButton = createButton(strings.addHeader);
    setAttrs(this.addButton, { 'data-action': 'addHeader' });
    onClick(this.addButton, () => this.add());
    this.render();
    this.element = el(
      'fieldset',
      { class: 'field headers', 'aria-describedby': 'error-headers' },
      el('legend', { class: 'label' }, strings.headers),
      this.rowsEl,
      el('div', { class: 'row' }, this.addButton),
      errorEl,
    );
  }

  /** Marks every header field as invalid (or not) together: the error is about the set. */
  markInvalid(invalid: boolean): void {
    for (const f of this.rowsEl.querySelectorAll('[data-field]')) {
      setAttrs(f, { 'aria-invalid': invalid ? 'true' : undefined });
      f.classList.toggle('invalid', invalid);
    }
  }

  /** Focuses the first header field, or Add when there is none. */
  focusFirst(): void {
    (this.rowsEl.querySelector<HTMLElement>('[data-field]') ?? this.addButton).focus();
  }

  private render(focus?: Focus): void {
    const s = this.strings;
    const rows = this.rows.map((row, index) => {
      const name = this.field(row, 'name', s.headerName, index);
      const value = this.field(row, 'value', s.headerValue, index);
      const remove = createButton(s.removeHeader);
      setAttrs(remove, {
        'data-action': 'removeHeader',
        'data-header-index': String(index),
        'aria-label': `${s.removeHeader} (${s.headerName} ${index + 1})`,
      });
      onClick(remove, () => this.remove(index));
      return el('div', { class: 'row header-row', 'data-header-index': String(index) }, name, value, remove);
    });
    this.rowsEl.replaceChildren(...rows);
    this.addButton.disabled = this.rows.length >= MAX_HEADERS;
    if (focus === 'add') this.addButton.focus();
    else if (focus) {
      const target = this.rowsEl.querySelectorAll<HTMLElement>(`[data-field="header${focus.part === 'name' ? 'Name' : 'Value'}"]`)[focus.index];
      target?.focus();
    }
  }

  private field(row: HeaderRow, part: 'name' | 'value', label: string, index: number): TextFieldEl {
    const f = createTextField(`${label} ${index + 1}`, { hideLabel: true });
    setAttrs(f, {
      'data-field': part === 'name' ? 'headerName' : 'headerValue',
      'data-header-index': String(index),
      'aria-describedby': 'error-headers',
      placeholder: part === 'value' && row.stored ? this.strings.headerValueStored : label,
    });
    f.classList.add('grow', 'ltr');
    if (part === 'value') f.setAttribute('type', 'password');
    f.value = row[part];
    onTextInput(f, (value) => {
      row[part] = value;
      // A stored value belongs to its name: renamed, the header needs a value typed for it.
      if (part === 'name' && row.stored) {
        delete row.stored;
        this.rowsEl.querySelectorAll('[data-field="headerValue"]')[index]?.setAttribute('placeholder', this.strings.headerValue);
      }
      this.edited(true);
    });
    return f;
  }

  private add(): void {
    if (this.rows.length >= MAX_HEADERS) return;
    this.rows.push({ name: '', value: '' });
    this.render({ index: this.rows.length - 1, part: 'name' });
    this.edited(false);
  }

  private remove(index: number): void {
    this.rows.splice(index, 1);
    const n = this.rows.length;
    this.render(n === 0 ? 'add' : { index: Math.min(index, n - 1), part: 'name' });
    this.edited(true);
  }
}
