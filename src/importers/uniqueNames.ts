// Names are unique ignoring case (DESIGN.md, Data): a clash within a plan gets a numbered suffix.
import { MAX_NAME_LENGTH, nameKeyOf } from '../shared/validation';

/** `name`, or `name 2`, `name 3`, … — the first not in `taken` (keys as nameKeyOf gives them); records it. */
export function uniqueName(name: string, taken: Set<string>): string {
  const base = name.trim().slice(0, MAX_NAME_LENGTH - 8);
  let candidate = base;
  for (let n = 2; taken.has(nameKeyOf(candidate)); n++) candidate = `${base} ${n}`;
  taken.add(nameKeyOf(candidate));
  return candidate;
}
