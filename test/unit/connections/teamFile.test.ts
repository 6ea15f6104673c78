// The team file read into connections: valid entries kept, each problem named by its place, ids stable.
import * as assert from 'node:assert/strict';
import { destinationOrigin, parseTeamFile, teamConnectionId } from '../../../src/connections/teamFile';

const folder = { uri: 'file:///work/repo', name: 'repo' };
const file = (connections: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, connections, ...extra }, null, 2);

describe('team file', () => {
  it('reads every valid entry into a team connection of its folder', () => {
    const { connections, problems } = parseTeamFile(
      file([
        { name: 'Corp GPT', provider: 'openai', model: 'gpt-4o', apiUrl: 'https://llm.corp.example/v1', headerNames: ['X-Team'] },
        { name: 'Local', provider: 'ollama', model: 'qwen3' },
      ]),
      folder,
    );
    assert.deepEqual(problems, []);
    assert.equal(connections.length, 2);
    const [corp, local] = connections;
    assert.equal(corp.name, 'Corp GPT');
    assert.equal(corp.apiUrl, 'https://llm.corp.example/v1');
    assert.deepEqual(corp.team, { folderUri: folder.uri, folderName: 'repo', index: 0, headerNames: ['X-Team'] });
    assert.equal(local.team.index, 1);
    assert.match(corp.id, /^team-[0-9a-f]{32}$/);
    assert.notEqual(corp.id, local.id);
  });

  it('keeps a key id through edits of model or preset, and changes it with the folder, the name or the destination', () => {
    const id = (entry: Record<string, unknown>, f = folder) => parseTeamFile(file([{ name: 'Corp', provider: 'openai', ...entry }]), f).connections[0]?.id;
    const base = id({ model: 'a' });
    assert.equal(id({ model: 'b', presetName: 'x' }), base);
    assert.equal(id({ model: 'a' }).toString(), teamConnectionId(folder.uri, 'CORP', 'https://api.openai.com'));
    assert.notEqual(id({ apiUrl: 'https://elsewhere.example/v1' }), base, 'another host: the key set for the old one is not sent there');
    assert.equal(id({ apiUrl: 'https://api.openai.com/v1' }), base, 'the default URL written out is the same destination');
    assert.notEqual(id({}, { uri: 'file:///other/repo', name: 'repo' }), base, 'another checkout of the same name');
    assert.notEqual(parseTeamFile(file([{ name: 'Corp 2', provider: 'openai' }]), folder).connections[0]?.id, base);
  });

  it('names the place of each problem and keeps the entries around it', () => {
    const { connections, problems } = parseTeamFile(
      file([
        { name: 'Good', provider: 'openai' },
        { name: '', provider: 'openai' },
        { name: 'No such', provider: 'nope' },
        { name: 'good', provider: 'anthropic' },
        { name: 'Bad URL', provider: 'openai', apiUrl: 'ftp://x' },
        { name: 'Env', provider: 'openai', apiKeyEnv: 'not a name' },
        { name: 'Extra', provider: 'openai', apiKey: 'fake-key-in-a-team-file' },
      ]),
      folder,
    );
    assert.deepEqual(connections.map((c) => c.name), ['Good', 'Extra'], 'an unknown field is ignored, its entry kept');
    const places = problems.map((p) => p.place);
    assert.ok(places.includes('connections[1].name'), places.join());
    assert.ok(places.includes('connections[2].provider'), places.join());
    assert.ok(places.includes('connections[3].name'), places.join());
    assert.ok(places.includes('connections[4].apiUrl'), places.join());
    assert.ok(places.includes('connections[5].apiKeyEnv'), places.join());
    assert.match(problems.find((p) => p.place === 'connections[6].apiKey')?.message ?? '', /holds no keys/);
    assert.equal((connections[1] as Record<string, unknown>).apiKey, undefined);
    assert.ok(!JSON.stringify(problems).includes('fake-key-in-a-team-file'), 'a key written into the file is never echoed');
  });

  it('reports a file that is not JSON (with its line and column where the parser gives a position), and reads nothing from it', () => {
    const { connections, problems } = parseTeamFile('{\n  "version": 1,\n  "connections": [ oops ]\n}', folder);
    assert.equal(connections.length, 0);
    assert.equal(problems[0].place, 'file');
    assert.match(problems[0].message, /is not valid JSON/);
    const cut = parseTeamFile('{\n  "version": 1,\n  "connections": [\n', folder).problems[0].message;
    assert.match(cut, /is not valid JSON/);
  });

  it('refuses a newer version and a missing list', () => {
    assert.deepEqual(parseTeamFile(file([{ name: 'A', provider: 'openai' }], { version: 2 }), folder), {
      connections: [],
      problems: [{ place: 'version', message: 'must be 1' }],
    });
    assert.equal(parseTeamFile('{"version":1}', folder).problems[0].place, 'connections');
    assert.equal(parseTeamFile('[]', folder).problems[0].place, 'file');
  });

  it('finds the destination of a URL or of the provider default', () => {
    assert.equal(destinationOrigin('openai', undefined), 'https://api.openai.com');
    assert.equal(destinationOrigin('openai', 'http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080');
  });
});
