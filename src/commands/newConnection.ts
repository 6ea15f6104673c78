import type { Services } from '../services';

export const newConnection = (services: Services) => () => services.forms.openNew();
