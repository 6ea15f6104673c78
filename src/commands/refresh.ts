import type { Services } from '../services';

/** Re-reads storage and forgets cached model lists (the next *List Models* asks the provider). */
export const refresh = (services: Services) => () => {
  services.models.invalidate();
  services.store.refresh();
};
