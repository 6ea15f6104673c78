// The connection form: builds its DOM once per `init`, then updates it in place from user input and
// host messages. All user data reaches the DOM as text (`textContent`, `.value`, attribute values).
// Its parts: fields.ts (each control bound to the draft), headersEditor.ts, capabilitiesEditor.ts, modelPicker.ts,
// actionBar.ts, status.ts (busy buttons, status lines); this file holds the state, the requests and the error display.
import { cloneDraft, hasAdvancedValues, type ConnectionDraft, type DraftField, type FieldErrors } from '../../src/shared/connection';
import type { FormStrings, KeyEnvState, ProviderOption, ToWebview } from '../../src/shared/protocol';
import { validateDraft } from '../../src/shared/validation';
import { el, format, setText } from './dom';
import { ActionBar } from './actionBar';
import { CapabilitiesEditor } from './capabilitiesEditor';
import { ApiKeyRow, FormFields } from './fields';
import { HeadersEditor } from './headersEditor';
import { ModelPicker } from './modelPicker';
import { DRAFT_FIELDS } from '../../src/shared/draftSchema';
import type { TextFieldEl } from './toolkit';
import { type PersistedState, post, saveState } from './vscodeApi';

export type InitMessage = Extract<ToWebview, { type: 'init' }>;

/** Fields a live request (test, fetch models) depends on; Name does not matter for those. */
const REQUEST_FIELDS: readonly DraftField[] = ['provider', 'apiUrl', 'headers', 'timeoutSeconds'];
const ADVANCED_FIELDS: readonly DraftField[] = ['headers', 'timeoutSeconds', 'contextWindow', 'maxOutputTokens'];

type Pending = { save: number | null; test: number | null };

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
  private keyEnv: KeyEnvState | undefined;
  /** Errors the host reported on save, shown until the user edits that field. */
  private serverErrors: FieldErrors = {};
  /**
   * Starts from the clock, not 1: the page is rebuilt whenever the panel is hidden, and a reply to a
   * request sent before that must not match a new request of the rebuilt page.
   */
  private nextRequestId = Date.now();
  private readonly pending: Pending = { save: null, test: null };
  private readonly fields: FormFields;

  // Parts and elements updated after the initial build.
  private formErrorEl!: HTMLElement;
  private apiUrlField!: TextFieldEl;
  private modelField!: TextFieldEl;
  private models!: ModelPicker;
  private apiKey!: ApiKeyRow;
  private headers!: HeadersEditor;
  private advancedEl!: HTMLDetailsElement;
  private actions!: ActionBar;

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
    this.keyEnv = init.keyEnv;
    const useRestored = restored !== undefined && restored.connectionId === init.connectionId;
    this.draft = cloneDraft(useRestored ? restored.draft : init.draft);
    this.touched = new Set(useRestored ? restored.touched : []);
    this.submitted = useRestored ? restored.submitted : false;
    this.advancedOpen = useRestored ? restored.advancedOpen : hasAdvancedValues(this.draft);
    this.fields = new FormFields({
      draft: this.draft,
      strings: this.strings,
      touched: this.touched,
      changed: (field) => this.changed(field),
      persist: () => this.persist(),
      renderErrors: () => void this.renderErrors(),
    });
    this.build();
    this.renderErrors();
    this.renderKeyState();
    this.persist();
    // Custom elements upgrade on insertion; focus once the inner <input> exists.
    requestAnimationFrame(() => this.fields.controls.get('name')?.focus());
  }

  /** Host messages other than `init` (which rebuilds the form). */
  handle(msg: Exclude<ToWebview, InitMessage>): void {
    switch (msg.type) {
      case 'keyState':
        this.hasApiKey = msg.hasApiKey;
        this.keyEnv = msg.keyEnv;
        this.renderKeyState();
        return;
      case 'saveResult':
        if (msg.requestId !== this.pending.save) return;
        this.pending.save = null;
        this.actions.saving(false);
        this.serverErrors = msg.ok ? {} : { ...msg.errors };
        setText(this.formErrorEl, msg.ok ? '' : (msg.message ?? ''));
        this.formErrorEl.hidden = this.formErrorEl.textContent === '';
        this.renderErrors();
        if (!msg.ok) this.focusFirstError();
        return;
      case 'modelsResult':
        this.models.receive(msg);
        return;
      case 'testResult':
        if (msg.requestId !== this.pending.test) return;
        this.pending.test = null;
        this.actions.tested(msg.ok, msg.message);
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
    this.actions.saving(true);
    post({ type: 'save', requestId, draft: cloneDraft(this.draft) });
  }

  private build(): void {
    const s = this.strings;
    const f = this.fields;
    const title =
      this.init.mode === 'edit' ? format(s.titleEdit, this.init.draft.name) : format(s.titleNew, this.init.draft.name);
    this.formErrorEl = el('div', { class: 'form-error', 'data-role': 'formError', role: 'alert', hidden: true });

    const name = f.name();
    const provider = f.provider(this.providers, () => {
      this.apiUrlField.placeholder = this.provider()?.defaultUrl ?? '';
      this.renderKeyState();
      this.models.forget();
    });
    this.modelField = f.textField('model', s.model);
    this.models = new ModelPicker(
      this.modelField,
      f.errorEl('model'),
      s,
      () => this.draft.model,
      (model) => {
        this.draft.model = model;
        this.modelField.value = model;
        this.changed('model');
      },
      () => this.fetchModels(),
    );
    this.apiUrlField = f.textField('apiUrl', s.apiUrl, { hint: s.apiUrlHint });
    this.apiUrlField.placeholder = this.provider()?.defaultUrl ?? '';
    this.apiKey = new ApiKeyRow(s, () => post({ type: 'setApiKey' }));
    this.actions = new ActionBar(s, this.init.mode, () => this.save(), () => this.test());

    const form = el(
      'main',
      { class: 'form', 'aria-labelledby': 'form-title' },
      el('h1', { id: 'form-title', class: 'title', dir: 'auto' }, title),
      this.formErrorEl,
      name,
      provider,
      this.models.element,
      f.apiUrl(this.apiUrlField),
      this.apiKey.element,
      f.preset(this.init.presets),
      f.isDefault(),
      this.buildAdvanced(),
      this.actions.element,
    );
    this.root.replaceChildren(form);
  }

  private buildAdvanced(): HTMLElement {
    const s = this.strings;
    this.headers = new HeadersEditor(this.draft.headers, s, this.fields.errorEl('headers'), (touched) => {
      if (touched) this.touched.add('headers');
      this.changed('headers');
    });
    const timeout = this.fields.textField('timeoutSeconds', s.timeout, { hint: s.timeoutHint });
    timeout.classList.add('narrow', 'ltr');

    this.advancedEl = el(
      'details',
      { class: 'advanced', open: this.advancedOpen },
      el('summary', {}, s.advanced),
      el(
        'div',
        { class: 'advanced-body' },
        this.headers.element,
        el('div', { class: 'field' }, timeout, this.fields.hintEl('timeoutSeconds', s.timeoutHint), this.fields.errorEl('timeoutSeconds')),
        new CapabilitiesEditor(this.draft.capabilities, s, this.fields, () => this.persist()).element,
      ),
    );
    this.advancedEl.addEventListener('toggle', () => {
      this.advancedOpen = this.advancedEl.open;
      this.persist();
    });
    return this.advancedEl;
  }

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
      this.fields.showError(field, code);
      if (field === 'headers') this.headers.markInvalid(Boolean(code));
    }
    return errors;
  }

  private focusFirstError(): void {
    const first = this.fields.visibleErrors()[0];
    if (!first) return;
    if (ADVANCED_FIELDS.includes(first) && !this.advancedEl.open) {
      this.advancedEl.open = true;
      this.advancedOpen = true;
      this.persist();
    }
    if (first === 'headers') this.headers.focusFirst();
    else this.fields.controls.get(first)?.focus();
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
    if (this.models.fetching || !this.requestReady()) return;
    const requestId = this.nextRequestId++;
    this.models.started(requestId);
    post({ type: 'fetchModels', requestId, draft: cloneDraft(this.draft) });
  }

  private test(): void {
    if (this.pending.test !== null || !this.requestReady()) return;
    const requestId = this.nextRequestId++;
    this.pending.test = requestId;
    this.actions.testing();
    post({ type: 'test', requestId, draft: cloneDraft(this.draft) });
  }

  private renderKeyState(): void {
    this.apiKey.render(this.hasApiKey, this.provider()?.keyRequired ?? true, this.keyEnv);
  }
}

function assertNever(x: never): never {
  throw new Error(`Unhandled message ${JSON.stringify(x)}`);
}
