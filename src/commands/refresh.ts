import type { Services } from '../services';

/**
 * Re-reads storage and the workspace's team files (should a file watcher have missed a change) and forgets
 * cached model lists (the next *List Models* asks the provider).
 */
export const refresh = (services: Services) => () => {
  services.models.invalidate();
  services.store.refresh();
  return services.team.reload();
};
