// The order a model list is shown in: by id (UTF-16 code units, as `<` compares them). Model lists are kept in the
// provider's order; the views that show one (the List Models quick pick, the form's model picker) sort it here.
export function byModelId<T extends { id: string }>(models: readonly T[]): T[] {
  return [...models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
