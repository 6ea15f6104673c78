import * as vscode from 'vscode';
import { testConnection, type ProviderTarget, type TestResult } from '../providers';
import type { StoredTestResult } from '../connections/testResults';
import type { FlowLog } from './deps';
import { confirmPlainHttp, type ConsentMemory } from './plainHttpConsent';
import { withCancellableProgress } from './progress';

/** Runs testConnection behind a cancellable progress notification. Undefined when cancelled or declined. */
export async function testWithProgress(deps: { log: FlowLog }, target: ProviderTarget, title: string, consent?: ConsentMemory): Promise<TestResult | undefined> {
  if (!(await confirmPlainHttp(target, consent))) return undefined;
  return withCancellableProgress(title, async (signal) => {
    const result = await testConnection(target, { signal });
    deps.log.info(`test ${target.provider}: ${result.category} ${result.status ?? ''} in ${result.latencyMs} ms`);
    return result;
  });
}

/** A one-line, user-facing summary of a test result. */
export function summarizeTest(r: TestResult): string {
  if (r.ok) {
    const models = r.modelCount !== undefined ? vscode.l10n.t(', {0} models available', r.modelCount) : '';
    return vscode.l10n.t('Connection works ({0} ms{1}).', r.latencyMs, models);
  }
  let text = r.message;
  if (r.suggestions?.length) text += ` ${vscode.l10n.t('Closest: {0}.', r.suggestions.slice(0, 5).join(', '))}`;
  return text;
}

/** What the tree shows as a connection's last test, the same whether the tree or the form ran it. */
export function storedTestResult(r: TestResult, at = new Date()): StoredTestResult {
  return { ok: r.ok, category: r.category, message: summarizeTest(r), latencyMs: r.latencyMs, at: at.toISOString() };
}
