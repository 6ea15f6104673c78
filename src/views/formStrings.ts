// Every string the form shows, localized here in the extension host and sent with `init`.
import * as vscode from 'vscode';
import type { FormStrings } from '../shared/protocol';
import { MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS } from '../shared/validation';

export function formStrings(): FormStrings {
  const t = vscode.l10n.t;
  return {
    titleNew: t('New Connection'),
    titleEdit: t('Edit Connection'),
    name: t('Name'),
    provider: t('Provider'),
    model: t('Model'),
    modelPlaceholder: t('e.g. gpt-4o-mini — or fetch the list'),
    fetchModels: t('Fetch Models'),
    fetchingModels: t('Fetching models…'),
    modelsFound: t('{0} models — pick one below'),
    apiUrl: t('API URL'),
    apiUrlHint: t('Leave empty for the provider default; set it for proxies and self-hosted servers.'),
    apiKey: t('API Key'),
    setApiKey: t('Set API Key'),
    updateApiKey: t('Update API Key'),
    keyStored: t('Stored in secret storage'),
    keyNotSet: t('Not set'),
    keyNotRequired: t('Not set (optional for this provider)'),
    preset: t('Preset'),
    noPreset: t('No preset'),
    isDefault: t('Default connection'),
    advanced: t('Advanced'),
    headers: t('Custom headers'),
    headerName: t('Header name'),
    headerValue: t('Value'),
    addHeader: t('Add Header'),
    removeHeader: t('Remove'),
    timeout: t('Timeout (seconds)'),
    timeoutHint: t('Empty: the aiConnections.requestTimeoutSeconds setting.'),
    save: t('Save'),
    test: t('Test'),
    testing: t('Testing…'),
    cancel: t('Cancel'),
    delete: t('Delete'),
    saving: t('Saving…'),
    validation: {
      nameRequired: t('A name is required.'),
      nameTooLong: t('The name is longer than {0} characters.', MAX_NAME_LENGTH),
      nameDuplicate: t('Another connection already has this name.'),
      providerRequired: t('Pick a provider.'),
      providerUnknown: t('This provider is not supported.'),
      urlInvalid: t('This is not a valid URL.'),
      urlScheme: t('The URL must start with http:// or https://.'),
      headerNameInvalid: t('A header name may contain only letters, digits and -_.'),
      headerAuth: t('Authentication headers are not allowed here: use Set API Key.'),
      headerDuplicate: t('The same header appears twice.'),
      timeoutInvalid: t('Enter whole seconds from 1 to {0}.', MAX_TIMEOUT_SECONDS),
    },
  };
}
