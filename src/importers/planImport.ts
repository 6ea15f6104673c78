// PLACEHOLDER until the file formats land (branch wt/import). Not shipped: replaced before the merge to main ends.
import { ImportError, type ImportContext, type ImportFormat, type ImportPlan } from './types';

export function detectFormat(_fileName: string, _text: string): ImportFormat | undefined {
  return undefined;
}

export function planImport(fileName: string, _text: string, _ctx: ImportContext): ImportPlan {
  throw new ImportError('Import is not implemented yet.', fileName);
}
