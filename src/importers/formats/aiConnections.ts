// Our own file (Export, and a workspace's team file): checked against the one schema of the shape
// (src/shared/connectionFile.ts). A wrong shape names the first bad field and where it is; never its value.
import * as v from 'valibot';
import { connectionFileSchema, type FileConnection } from '../../shared/connectionFile';
import { locateJson } from '../locate';
import { shapeError } from '../parse';
import { PlanBuilder } from '../planBuilder';
import { isRecord } from '../shape';
import type { ImportPlan } from '../types';

export function isAiConnections(data: unknown): boolean {
  return isRecord(data) && Array.isArray(data['connections']) && 'version' in data;
}

export function planAiConnections(fileName: string, text: string, data: unknown): ImportPlan {
  const result = v.safeParse(connectionFileSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = (issue.path ?? []).map((p) => p.key as string | number);
    // A missing field has no place of its own: point at the object that lacks it.
    const at = locateJson(text, path) ?? locateJson(text, path.slice(0, -1));
    throw shapeError(fileName, `is not an AI Connections file: ${describePath(path)} ${describeIssue(issue)}`, at?.line, at?.column);
  }
  const plan = new PlanBuilder('ai-connections');
  result.output.connections.forEach((c, i) => plan.add(entryOf(c, i)));
  return plan.plan();
}

function entryOf(c: FileConnection, i: number): Parameters<PlanBuilder['add']>[0] {
  return {
    name: c.name,
    source: `connections[${i}] "${c.name}"`,
    providerLabel: c.provider,
    // Our own ids: the provider is taken as written (its URL is ours too), only checked against the catalogue.
    choice: { id: c.provider, exact: true },
    model: c.model,
    url: c.apiUrl,
    presetName: c.presetName,
    apiKeyEnv: c.apiKeyEnv,
    headerNames: c.headerNames,
    timeoutSeconds: c.timeoutSeconds,
    capabilities: c.capabilities,
  };
}

function describePath(path: (string | number)[]): string {
  if (path.length === 0) return 'the top level';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** What was wrong, from the kind of check that failed, never the value it received. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'object':
      return issue.input === undefined ? 'is missing' : 'must be an object';
    case 'array':
      return issue.input === undefined ? 'is missing' : 'must be a list';
    case 'string':
      return issue.input === undefined ? 'is missing' : 'must be text';
    case 'number':
    case 'integer':
      return 'must be a whole number';
    case 'boolean':
      return 'must be true or false';
    case 'literal':
      return issue.input === undefined ? 'is missing' : `must be ${issue.expected}`;
    case 'min_value':
    case 'max_value':
      return `must be ${issue.expected}`;
    case 'max_length':
      return 'is too long';
    case 'non_empty':
      return 'is empty';
    case 'regex':
      return 'is not a variable name';
    default:
      return 'is not valid';
  }
}
