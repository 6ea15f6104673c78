// The output channel every part of the extension logs to, with URL credentials (user:password, `?key=`…)
// scrubbed from each line: whatever a message quotes — a URL the user pasted, an error from a library — a log
// line never carries a credential. (Keys themselves never reach a log: provider errors are redacted at source.)
import type * as vscode from 'vscode';
import { scrubUrlCredentials } from './providers';

const LOGGING_METHODS = new Set<PropertyKey>(['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']);

export function redactingLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !LOGGING_METHODS.has(property)) return value;
      return (...args: unknown[]): unknown => {
        const scrubbed = args.map((arg) =>
          typeof arg === 'string' ? scrubUrlCredentials(arg) : arg instanceof Error ? scrubUrlCredentials(arg.message) : arg,
        );
        return (value as (...a: unknown[]) => unknown).apply(target, scrubbed);
      };
    },
  });
}
