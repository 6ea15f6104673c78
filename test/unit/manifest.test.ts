// package.json and src/ids.ts must agree: a typo in either silently breaks a menu or a view.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CommandId, ViewContainerId, ViewId } from '../../src/ids';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

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

  it('menus reference only contributed commands', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command?: string }[]>)) {
      for (const item of items) if (item.command) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
    }
  });
});
