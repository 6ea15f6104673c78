// Prepares this machine for the VS Code tiers and `npm start`: system packages and the code-server host.
import { ensureHost, ensureSystemPrereqs } from './lib/host.mjs';

ensureSystemPrereqs();
console.log(ensureHost());
