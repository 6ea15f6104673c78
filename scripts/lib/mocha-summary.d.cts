import type Mocha from 'mocha';
export function runMocha(
  mocha: Mocha,
  tier: string,
  print?: (line: string) => void,
): Promise<{ passed: number; failed: number; pending: number }>;
