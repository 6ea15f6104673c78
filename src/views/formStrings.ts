// Every string the form shows, localized here in the extension host and sent with `init`.
import * as vscode from 'vscode';
import type { FormStrings } from '../shared/protocol';
import { MAX_CAPABILITY_TOKENS, MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS } from '../shared/validation';

/** A number in the display language's digit grouping (10,000,000), or plain when the language is unknown to Intl. */
function count(n: number): string {
  try {
    return n.toLocaleString(vscode.env.language);
  } catch {
    return String(n);
  }
}

export function formStrings(): FormStrings {
  // Calls read l10n.t(…), never a bare alias t(…): only those reach the bundle (scripts/l10n.mjs, test/unit/l10n.test.ts).
  const l10n = vscode.l10n;
  return {
    titleNew: l10n.t('New Connection'),
    titleEdit: l10n.t('Edit Connection'),
    name: l10n.t('Name'),
    provider: l10n.t('Provider'),
    model: l10n.t('Model'),
    modelPlaceholder: l10n.t('e.g. gpt-4o-mini — or fetch the list'),
    fetchModels: l10n.t('Fetch Models'),
    fetchingModels: l10n.t('Fetching models…'),
    modelsFound: l10n.t('{0} models — pick one below'),
    modelsShown: l10n.t('{0} of {1} models listed below — type any other id, or use List Models to search them all'),
    apiUrl: l10n.t('API URL'),
    apiUrlHint: l10n.t('Leave empty for the provider default; set it for proxies and self-hosted servers.'),
    apiKey: l10n.t('API Key'),
    setApiKey: l10n.t('Set API Key'),
    updateApiKey: l10n.t('Update API Key'),
    keyStored: l10n.t('Stored in secret storage'),
    keyNotSet: l10n.t('Not set'),
    keyNotRequired: l10n.t('Not set (optional for this provider)'),
    keyFromEnv: l10n.t('Read from the environment variable'),
    keyEnvNotSet: l10n.t('not set where VS Code runs'),
    preset: l10n.t('Preset'),
    noPreset: l10n.t('No preset'),
    isDefault: l10n.t('Default connection'),
    advanced: l10n.t('Advanced'),
    headers: l10n.t('Custom headers'),
    headerName: l10n.t('Header name'),
    headerValue: l10n.t('Value'),
    headerValueStored: l10n.t('Value stored (type to replace)'),
    addHeader: l10n.t('Add Header'),
    removeHeader: l10n.t('Remove'),
    timeout: l10n.t('Timeout (seconds)'),
    timeoutHint: l10n.t('Empty: the aiConnections.requestTimeoutSeconds setting.'),
    capabilities: l10n.t('Model capabilities in chat'),
    capabilitiesHint: l10n.t('What VS Code chat may use this model for. Leave a field at Detect automatically (or empty) to use what the model list or the known models say.'),
    toolCalling: l10n.t('Tool calling'),
    imageInput: l10n.t('Image input'),
    detect: l10n.t('Detect automatically'),
    yes: l10n.t('Yes'),
    no: l10n.t('No'),
    contextWindow: l10n.t('Context window (tokens)'),
    maxOutputTokens: l10n.t('Output limit (tokens)'),
    tokensHint: l10n.t('Empty: detect.'),
    family: l10n.t('Family'),
    familyHint: l10n.t('Empty: detect from the model id. VS Code picks its agent prompt by family, e.g. claude…, gemini…, gpt….'),
    save: l10n.t('Save'),
    test: l10n.t('Test'),
    testing: l10n.t('Testing…'),
    cancel: l10n.t('Cancel'),
    delete: l10n.t('Delete'),
    saving: l10n.t('Saving…'),
    validation: {
      nameRequired: l10n.t('A name is required.'),
      nameTooLong: l10n.t('The name is longer than {0} characters.', MAX_NAME_LENGTH),
      nameDuplicate: l10n.t('Another connection already has this name.'),
      providerRequired: l10n.t('Pick a provider.'),
      providerUnknown: l10n.t('This provider is not supported.'),
      urlInvalid: l10n.t('This is not a valid URL.'),
      urlScheme: l10n.t('The URL must start with http:// or https://.'),
      urlUserinfo: l10n.t('The URL must not contain a user name or password: use Set API Key.'),
      urlQueryCredential: l10n.t('The URL must not carry a key or token in its query: use Set API Key.'),
      headerNameInvalid: l10n.t('A header name may contain only letters, digits and -_.'),
      headerAuth: l10n.t('Authentication headers are not allowed here: use Set API Key.'),
      headerDuplicate: l10n.t('The same header appears twice.'),
      timeoutInvalid: l10n.t('Enter whole seconds from 1 to {0}.', MAX_TIMEOUT_SECONDS),
      tokensInvalid: l10n.t('Enter a whole number of tokens from 1 to {0}.', count(MAX_CAPABILITY_TOKENS)),
    },
  };
}
