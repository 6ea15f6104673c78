// The "Model capabilities in chat" group of the form's Advanced section: what the user says the connection's
// model can do in VS Code chat, over what is detected. It edits the draft's `capabilities` in place; the two
// token counts are checked fields (errors, touched, focus) through FormFields like any other.
import type { CapabilitiesDraft, CapabilityChoice } from '../../src/shared/connection';
import type { FormStrings } from '../../src/shared/protocol';
import { el, setAttrs } from './dom';
import type { FormFields } from './fields';
import { createDropdown, createTextField, onDropdownChange, onTextInput, setDropdownOptions } from './toolkit';

type FlagKey = 'toolCalling' | 'imageInput';
type CountKey = 'contextWindow' | 'maxOutputTokens';

const isChoice = (v: string): v is CapabilityChoice => v === '' || v === 'yes' || v === 'no';

export class CapabilitiesEditor {
  readonly element: HTMLElement;

  /**
   * @param caps the draft's capabilities, edited in place
   * @param persist called after an edit of a field nothing validates (the flags, the family)
   */
  constructor(
    private readonly caps: CapabilitiesDraft,
    private readonly strings: FormStrings,
    private readonly fields: FormFields,
    private readonly persist: () => void,
  ) {
    const s = strings;
    this.element = el(
      'fieldset',
      { class: 'field capabilities', 'data-role': 'capabilities', 'aria-describedby': 'hint-capabilities' },
      el('legend', { class: 'label' }, s.capabilities),
      fields.hintEl('capabilities', s.capabilitiesHint),
      el('div', { class: 'capability-grid' }, this.flag('toolCalling', s.toolCalling), this.flag('imageInput', s.imageInput)),
      el('div', { class: 'capability-grid' }, this.count('contextWindow', s.contextWindow), this.count('maxOutputTokens', s.maxOutputTokens)),
      this.family(),
    );
  }

  /** Detect automatically / Yes / No. */
  private flag(key: FlagKey, label: string): HTMLElement {
    const s = this.strings;
    const d = createDropdown();
    setAttrs(d, { id: `field-${key}`, 'data-field': key, 'aria-labelledby': `label-${key}` });
    const items = [
      { value: '', text: s.detect },
      { value: 'yes', text: s.yes },
      { value: 'no', text: s.no },
    ];
    setDropdownOptions(d, items, this.caps[key]);
    onDropdownChange(d, (value) => {
      if (!isChoice(value) || value === this.caps[key]) return;
      this.caps[key] = value;
      this.persist();
    });
    return el('div', { class: 'field' }, this.fields.label(key, label, d), d);
  }

  /** A token count: empty for "detect", else a whole number (checked by the shared validation). */
  private count(key: CountKey, label: string): HTMLElement {
    const s = this.strings;
    const f = this.fields.boundTextField(key, label, this.caps[key], (value) => (this.caps[key] = value), { hint: s.tokensHint });
    f.classList.add('ltr');
    f.placeholder = s.detect;
    return el('div', { class: 'field' }, f, this.fields.hintEl(key, s.tokensHint), this.fields.errorEl(key));
  }

  private family(): HTMLElement {
    const s = this.strings;
    const f = createTextField(s.family);
    setAttrs(f, { id: 'field-family', 'data-field': 'family', 'aria-describedby': 'hint-family' });
    f.classList.add('ltr');
    f.placeholder = s.detect;
    f.value = this.caps.family;
    onTextInput(f, (value) => {
      this.caps.family = value;
      this.persist();
    });
    return el('div', { class: 'field' }, f, this.fields.hintEl('family', s.familyHint));
  }
}
