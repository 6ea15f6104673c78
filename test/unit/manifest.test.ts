// package.json and src/ids.ts must agree: a typo in either silently breaks a menu or a view.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CommandId, SETTING_KEYS, SETTINGS_SECTION, ViewContainerId, ViewId } from '../../src/ids';

// Resolve %key% placeholders the way VS Code does, from package.nls.json.
const nls: Record<string, string> = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const manifest = JSON.parse(readFileSync('package.json', 'utf8'), (_k, v) => {
  if (typeof v !== 'string') return v;
  const m = /^%(.+)%$/.exec(v);
  if (!m) return v;
  if (!(m[1] in nls)) throw new Error(`package.json names ${v}, missing from package.nls.json`);
  return nls[m[1]];
});

describe('package.json manifest', () => {
  it('targets VS Code ^1.138.0 with @types/vscode pinned to 1.138.0', () => {
    assert.equal(manifest.engines.vscode, '^1.138.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.138.0');
  });

  it('contributes only commands defined in ids.ts, each in the AI Connections category', () => {
    const known = new Set<string>(Object.values(CommandId));
    for (const c of manifest.contributes.commands) {
      assert.ok(known.has(c.command), `${c.command} is not in CommandId`);
      assert.equal(c.category, 'AI Connections', c.command);
    }
  });

  it('puts the Connections view in an activity-bar container with the plug icon and a welcome view', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === ViewContainerId);
    assert.equal(container?.icon, '$(plug)');
    assert.equal(container?.title, 'AI Connections');
    const view = manifest.contributes.views[ViewContainerId].find((v: { id: string }) => v.id === ViewId.connections);
    assert.equal(view?.name, 'Connections');
    const welcome = manifest.contributes.viewsWelcome.find((w: { view: string }) => w.view === ViewId.connections);
    assert.match(welcome.contents, /\[New Connection\]\(command:aiConnections\.newConnection\)/);
  });

  it('gives every command the exact title users see', () => {
    const titles = Object.fromEntries(manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.deepEqual(titles, {
      [CommandId.newConnection]: 'New Connection',
      [CommandId.editConnection]: 'Edit Connection',
      [CommandId.setApiKey]: 'Set API Key',
      [CommandId.updateApiKey]: 'Update API Key',
      [CommandId.useSidecarForChat]: 'Use Sidecar for Chat Background Work',
      [CommandId.clearApiKey]: 'Clear API Key',
      [CommandId.testConnection]: 'Test Connection',
      [CommandId.listModels]: 'List Models',
      [CommandId.setDefault]: 'Set as Default',
      [CommandId.selectDefault]: 'Select Default Connection',
      [CommandId.duplicateConnection]: 'Duplicate Connection',
      [CommandId.deleteConnection]: 'Delete Connection',
      [CommandId.refresh]: 'Refresh',
      [CommandId.setSidecar]: 'Set as Sidecar',
      [CommandId.sendPrompt]: 'Send Prompt…',
      [CommandId.cancelPrompt]: 'Cancel Prompt',
      [CommandId.manage]: 'Manage Connections',
    });
  });

  it('contributes every setting the code reads, and no other', () => {
    const read = SETTING_KEYS.map((k) => `${SETTINGS_SECTION}.${k}`).sort();
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), read);
  });

  it('menus reference only contributed commands', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command?: string }[]>)) {
      for (const item of items) if (item.command) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
    }
  });
});
