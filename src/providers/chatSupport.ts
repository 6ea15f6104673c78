// Whether a provider can generate at all: a connection whose provider cannot chat is offered nowhere a reply is
// made (the chat model picker, Send Prompt, the API).
import { getProvider } from './catalogue';
import { dialectFor } from './dialects';
import type { ProviderId } from './types';

export function supportsChat(provider: ProviderId): boolean {
  const info = getProvider(provider);
  return info !== undefined && dialectFor(info.dialect).chatStream !== undefined;
}
