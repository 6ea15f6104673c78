import * as assert from 'node:assert/strict';
import { detectFormat, exportConnections, planImport } from '../../../src/importers';
import type { Connection } from '../../../src/shared/connection';
import { CONNECTION_FILE_SCHEMA_URL } from '../../../src/shared/connectionFile';
import { assertRefused, connection, diskContext, fixture, planOf } from './helpers';

const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

const connections: Connection[] = [
  {
    id: '1',
    ...stamp,
    name: 'Corp',
    provider: 'custom',
    model: 'qwen3-coder',
    apiUrl: 'http://127.0.0.1:8080/v1/',
    presetName: 'Precise',
    // The shape before header values moved to SecretStorage: values in the connection.
    headers: { 'X-Team': 'fake-key-header-value', 'X-Org': 'fake-key-org-value' },
    timeoutSeconds: 45,
    capabilities: { toolCalling: false, imageInput: true, contextWindow: 32768, maxOutputTokens: 4096, family: 'qwen' },
    apiKeyEnv: 'CORP_API_KEY',
  },
  // The newer shape: names only.
  { id: '2', ...stamp, name: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5', headerNames: ['X-Trace'] },
  // An apiUrl equal to the provider default and a field from a future version (even one named like a key).
  { id: '3', ...stamp, name: 'Local', provider: 'ollama', apiUrl: 'http://localhost:11434', apiKey: 'fake-key-never-exported' },
];

describe('import: AI Connections export (our own format)', () => {
  it('exports every field but keys and header values, with $schema and version', () => {
    const text = exportConnections(connections);
    const file = JSON.parse(text) as { $schema: string; version: number; connections: Record<string, unknown>[] };
    assert.equal(file.$schema, CONNECTION_FILE_SCHEMA_URL);
    assert.equal(file.version, 1);
    assert.deepEqual(file.connections[0], {
      name: 'Corp',
      provider: 'custom',
      model: 'qwen3-coder',
      apiUrl: 'http://127.0.0.1:8080/v1/',
      presetName: 'Precise',
      apiKeyEnv: 'CORP_API_KEY',
      headerNames: ['X-Team', 'X-Org'],
      timeoutSeconds: 45,
      capabilities: { toolCalling: false, imageInput: true, contextWindow: 32768, maxOutputTokens: 4096, family: 'qwen' },
    });
    assert.deepEqual(file.connections[1], { name: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5', headerNames: ['X-Trace'] });
    assert.ok(!/fake-key|"id"|createdAt/.test(text), text);
  });

  it('round-trips through planImport: name, provider, model, URL, preset, header names, apiKeyEnv, timeout, capabilities', () => {
    const text = exportConnections(connections);
    assert.equal(detectFormat('/tmp/export.json', text), 'ai-connections');
    const plan = planImport('/tmp/export.json', text, { env: {} });
    assert.equal(plan.format, 'ai-connections');
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual(
      plan.connections.map(({ source: _source, ...c }) => c),
      [
        {
          name: 'Corp',
          provider: 'custom',
          model: 'qwen3-coder',
          apiUrl: 'http://127.0.0.1:8080/v1/',
          presetName: 'Precise',
          apiKeyEnv: 'CORP_API_KEY',
          headerNames: ['X-Team', 'X-Org'],
          timeoutSeconds: 45,
          capabilities: { toolCalling: false, imageInput: true, contextWindow: 32768, maxOutputTokens: 4096, family: 'qwen' },
        },
        { name: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5', headerNames: ['X-Trace'] },
        { name: 'Local', provider: 'ollama', apiUrl: 'http://localhost:11434' },
      ],
    );
    for (const c of plan.connections) assert.equal(c.apiKey, undefined);
  });

  it('imports the sample files, and a team file with a provider this version does not know is skipped', () => {
    assert.deepEqual(planOf('ai-connections/minimal.json').connections, [{ name: 'Local', provider: 'ollama', source: 'connections[0] "Local"' }]);
    const full = planOf('ai-connections/full.json');
    assert.equal(connection(full, 'Corp').apiKeyEnv, 'CORP_API_KEY');
    const future = JSON.stringify({ version: 1, connections: [{ name: 'X', provider: 'quantum' }] });
    const plan = planImport('/w/.vscode/ai-connections.json', future, diskContext());
    assert.deepEqual(plan.connections, []);
    assert.match(plan.skipped[0]?.reason ?? '', /"quantum" is not one this version of AI Connections supports/);
  });

  it('refuses a file of the wrong shape, naming the field and where it is, never its value', () => {
    assert.match(assertRefused('ai-connections/invalid-missing-name.json', { line: 1, column: 33 }).message, /connections\[0\]\.name is missing/);
    assert.match(assertRefused('ai-connections/invalid-version.json', { line: 1, column: 14 }).message, /version must be 1/);
    assert.match(assertRefused('ai-connections/invalid-env-name.json').message, /connections\[0\]\.apiKeyEnv is not a variable name/);
    assert.match(assertRefused('ai-connections/invalid-timeout.json').message, /timeoutSeconds must be/);
    assert.match(assertRefused('ai-connections/invalid-capabilities.json').message, /contextWindow must be a whole number/);
  });

  it('refuses JSON that does not parse, with the place', () => {
    const { text } = fixture('ai-connections/malformed.json');
    assert.equal(detectFormat('/x/ai-connections.json', text), 'ai-connections');
    assertRefused('ai-connections/malformed.json', { line: 1, column: 75 });
  });
});
