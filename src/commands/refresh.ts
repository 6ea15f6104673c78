import type { Services } from '../services';

/** Re-reads storage and forgets cached model lists (the next *List Models* asks the provider). */
export const refresh = (s: Services) => () => {
  s.models.invalidate();
  s.store.refresh();
};
