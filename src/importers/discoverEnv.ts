// PLACEHOLDER until environment discovery lands (branch wt/onboard).
import type { ImportedConnection } from './types';

export function discoverEnv(_env: Record<string, string | undefined>): ImportedConnection[] {
  return [];
}
