// The aiConnections.presets setting read through its one schema: good entries as written, a bad field dropped
// and reported, an entry without a name skipped and reported, never an exception.
import * as assert from 'node:assert/strict';
import { parsePresets } from '../../../src/connections/presets';

describe('presets from settings', () => {
  it('reads well-formed presets as written, names trimmed, unknown fields left out', () => {
    const { presets, problems } = parsePresets([
      { name: ' Precise ', temperature: 0, topP: 0.5, maxTokens: 256, systemPrompt: 'Be brief.', stop: ['END'] },
      { name: 'Plain', future: true },
    ]);
    assert.deepEqual(presets, [{ name: 'Precise', temperature: 0, topP: 0.5, maxTokens: 256, systemPrompt: 'Be brief.', stop: ['END'] }, { name: 'Plain' }]);
    assert.deepEqual(problems, []);
  });

  it('rounds maxTokens down and drops empty stop sequences', () => {
    assert.deepEqual(parsePresets([{ name: 'a', maxTokens: 99.7, stop: ['', 'x'] }]).presets, [{ name: 'a', maxTokens: 99, stop: ['x'] }]);
  });

  it('keeps a named preset without its bad fields, and says which', () => {
    const { presets, problems } = parsePresets([{ name: 'Hot', temperature: 5, topP: 'high', maxTokens: 0, systemPrompt: 'ok' }]);
    assert.deepEqual(presets, [{ name: 'Hot', systemPrompt: 'ok' }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /"Hot".*temperature, topP, maxTokens/);
  });

  it('skips an entry without a usable name, and a setting that is not a list', () => {
    const { presets, problems } = parsePresets([{ temperature: 1 }, { name: '  ' }, 7, null, { name: 'ok' }]);
    assert.deepEqual(presets, [{ name: 'ok' }]);
    assert.deepEqual(problems, ['preset #1 has no name; skipped', 'preset #2 has no name; skipped', 'preset #3 has no name; skipped', 'preset #4 has no name; skipped']);
    assert.deepEqual(parsePresets({ name: 'x' }), { presets: [], problems: ['aiConnections.presets is not a list'] });
    assert.deepEqual(parsePresets(undefined), { presets: [], problems: [] });
  });
});
