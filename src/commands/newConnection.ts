import type { Services } from '../services';

export const newConnection = (s: Services) => () => s.forms.openNew();
