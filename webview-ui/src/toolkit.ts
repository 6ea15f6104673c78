// The only file that knows which component library draws the form. Swapping the deprecated
// @vscode/webview-ui-toolkit for @vscode-elements/elements means rewriting this file: the form talks
// to the small element interfaces and factories below, never to tag names or library classes.
//
// Named imports from the package root are deliberate: with ESM `import` syntax esbuild honours the
// packages' `"sideEffects": false` and drops the unused parts of @microsoft/fast-foundation
// (~115 KB minified for these five components). A CommonJS `require()` of the toolkit (or building
// with `ignoreAnnotations`) keeps all of it (~290 KB). See formHtml.ts for the CSP side.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

/**
 * Styles for the library's elements (their shadow parts), kept here so a swap touches one file. A
 * constructed stylesheet is not subject to the CSP's style-src, unlike a <style> element.
 */
const COMPONENT_CSS = `
vscode-text-field, vscode-dropdown { width: 100%; min-width: 0; }
.field > .label + vscode-dropdown { margin-top: -2px; }
vscode-text-field.narrow { width: 12em; }
vscode-text-field.bidi::part(control) { unicode-bidi: plaintext; }
vscode-text-field.ltr::part(control) { direction: ltr; }
vscode-text-field.invalid::part(root), vscode-dropdown.invalid::part(control) {
  border-color: var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
}
vscode-text-field.label-hidden::part(label) {
  position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
`;

let registered = false;

/** Defines the custom elements once; call before creating any control. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeDropdown(), vsCodeOption(), vsCodeCheckbox());
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(COMPONENT_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

export interface ButtonEl extends HTMLElement {
  disabled: boolean;
}

export interface TextFieldEl extends HTMLElement {
  value: string;
  placeholder: string;
  disabled: boolean;
}

export interface DropdownEl extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface CheckboxEl extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export type ButtonAppearance = 'primary' | 'secondary' | 'icon';

export function createButton(label: string, appearance: ButtonAppearance = 'secondary'): ButtonEl {
  const b = document.createElement('vscode-button') as ButtonEl;
  b.setAttribute('appearance', appearance);
  b.textContent = label;
  return b;
}

/**
 * The label is slotted, so the library binds it to the inner <input> with <label for>. A field with
 * no visible label (a header row's cells) still gets one, visually hidden: the library overwrites an
 * `aria-label` attribute with its own "Text field" when the element connects.
 */
export function createTextField(label: string, opts: { hideLabel?: boolean } = {}): TextFieldEl {
  const f = document.createElement('vscode-text-field') as TextFieldEl;
  f.textContent = label;
  if (opts.hideLabel) f.classList.add('label-hidden');
  return f;
}

/** The host element carries role="combobox", so aria-labelledby/-describedby on it work. */
export function createDropdown(): DropdownEl {
  return document.createElement('vscode-dropdown') as DropdownEl;
}

export interface DropdownItem {
  value: string;
  text: string;
}

/**
 * Replaces a dropdown's options and selects `selected`. FAST's select resolves its selection when the
 * slotted options change (asynchronously), preferring an option with the `selected` attribute, then
 * one whose value equals the select's value — which starts as '' and would otherwise pick an
 * option whose value is '' (like "no preset"). So both the option and the `value` attribute (the
 * select's initial value) are set, before the options are inserted.
 */
export function setDropdownOptions(d: DropdownEl, items: readonly DropdownItem[], selected: string): void {
  d.setAttribute('value', selected);
  const options = items.map((item) => {
    const o = document.createElement('vscode-option');
    o.setAttribute('value', item.value);
    o.textContent = item.text;
    if (item.value === selected) o.setAttribute('selected', '');
    return o;
  });
  d.replaceChildren(...options);
  if (d.isConnected) d.value = selected;
}

export function createCheckbox(label: string): CheckboxEl {
  const c = document.createElement('vscode-checkbox') as CheckboxEl;
  c.textContent = label;
  return c;
}

/** Text fields report every keystroke; dropdowns and checkboxes report a committed change. */
export function onTextInput(f: TextFieldEl, cb: (value: string) => void): void {
  f.addEventListener('input', () => cb(f.value));
}

export function onDropdownChange(d: DropdownEl, cb: (value: string) => void): void {
  d.addEventListener('change', () => cb(d.value));
}

export function onCheckboxChange(c: CheckboxEl, cb: (checked: boolean) => void): void {
  c.addEventListener('change', () => cb(c.checked));
}

export function onClick(b: ButtonEl, cb: () => void): void {
  // The library's button is keyboard-activated (Enter/Space) through its inner <button>.
  b.addEventListener('click', () => {
    if (!b.disabled) cb();
  });
}
