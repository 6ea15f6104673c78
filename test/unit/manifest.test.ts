// package.json and src/ids.ts must agree: a typo in either silently breaks a menu or a view.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CommandId, ContextKey, SETTING_KEYS, SETTINGS_SECTION, TreeItemContext, ViewContainerId, ViewId, connectionContextValue } from '../../src/ids';

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

  it('contributes every command in CommandId, each with a title', () => {
    const contributed = new Map<string, string>(manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    for (const id of Object.values(CommandId)) {
      assert.ok(contributed.has(id), `${id} is registered but not contributed`);
      assert.ok(contributed.get(id)?.trim(), `${id} has no title`);
    }
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

  it('names in every `when` clause only ids from ids.ts (views, context keys, tree item parts)', () => {
    const views = new Set<string>(Object.values(ViewId));
    const contextKeys = new Set<string>(Object.values(ContextKey));
    const itemParts = new Set<string>(Object.values(TreeItemContext));
    for (const { where, clause } of whenClauses(manifest.contributes)) {
      for (const { key, op, value } of whenTerms(clause)) {
        const at = `${where}: ${clause}`;
        if (key === 'view') {
          assert.equal(op, '==', at);
          assert.ok(value !== undefined && views.has(value), `${at}: view ${value} is not in ViewId`);
        } else if (key === 'viewItem') {
          const words = op === '=~' ? [...(value ?? '').matchAll(/\\b(\w+)\\b/g)].map((m) => m[1] as string) : [value ?? ''];
          assert.ok(words.length > 0, `${at}: no viewItem part named`);
          for (const w of words) assert.ok(itemParts.has(w), `${at}: viewItem part ${w} is not in TreeItemContext`);
        } else {
          assert.ok(key === 'true' || key === 'false' || contextKeys.has(key), `${at}: ${key} is not a ContextKey`);
        }
      }
    }
  });

  it('reads every context key the code sets and every tree item part in some when clause', () => {
    const clauses = whenClauses(manifest.contributes).map(({ clause }) => clause);
    const keysUsed = new Set(clauses.flatMap((c) => whenTerms(c).map((t) => t.key)));
    for (const key of Object.values(ContextKey)) assert.ok(keysUsed.has(key), `ContextKey ${key} is set but no when clause reads it`);
    const partsUsed = new Set(
      clauses.flatMap((c) => whenTerms(c).filter((t) => t.key === 'viewItem').flatMap((t) => [...(t.value ?? '').matchAll(/\\b(\w+)\\b/g)].map((m) => m[1] as string))),
    );
    // No menu offers anything for invalidEntry (a broken entry is only reported) or teamGroup (the "Team · <folder>"
    // group only holds its file's connections; the file is changed in the editor).
    const unmenued = new Set<string>([TreeItemContext.invalidEntry, TreeItemContext.teamGroup]);
    for (const part of Object.values(TreeItemContext)) if (!unmenued.has(part)) assert.ok(partsUsed.has(part), `TreeItemContext ${part} is not in any menu`);
  });

  it('has viewItem patterns that the tree’s context values can match', () => {
    // Every contextValue the tree builds (connectionTree.ts), made by the function it uses; and the team group.
    const values: string[] = [TreeItemContext.invalidEntry, TreeItemContext.teamGroup];
    for (const hasKey of [true, false])
      for (const isDefault of [true, false])
        for (const isSidecar of [true, false])
          for (const team of [{}, { isTeam: true }, { isTeam: true, teamHeaders: true }]) values.push(connectionContextValue({ hasKey, isDefault, isSidecar, ...team }));
    for (const { where, clause } of whenClauses(manifest.contributes)) {
      for (const { key, op, value } of whenTerms(clause)) {
        if (key !== 'viewItem' || op !== '=~' || value === undefined) continue;
        const re = new RegExp(value);
        assert.ok(values.some((v) => re.test(v)), `${where}: /${value}/ matches no tree item`);
        assert.ok(!values.every((v) => re.test(v)), `${where}: /${value}/ matches every tree item`);
      }
    }
  });
});

describe('team connections in the manifest', () => {
  const itemMenus = manifest.contributes.menus['view/item/context'] as { command: string; when: string }[];
  const offered = (contextValue: string) =>
    new Set(itemMenus.filter((m) => [...m.when.matchAll(/viewItem =~ \/(.*?)\/(?: |$)/g)].every((r) => new RegExp(r[1] as string).test(contextValue))).map((m) => m.command));

  it('offers a team connection no Edit, Delete, Duplicate, Default or Sidecar, but its key, Test and List Models', () => {
    const team = offered([TreeItemContext.connection, TreeItemContext.withoutKey, TreeItemContext.team].join(' '));
    for (const id of [CommandId.editConnection, CommandId.deleteConnection, CommandId.duplicateConnection, CommandId.setDefault, CommandId.setSidecar]) assert.ok(!team.has(id), id);
    for (const id of [CommandId.setApiKey, CommandId.testConnection, CommandId.listModels]) assert.ok(team.has(id), id);
    const personal = offered([TreeItemContext.connection, TreeItemContext.withoutKey].join(' '));
    for (const id of [CommandId.editConnection, CommandId.deleteConnection, CommandId.setDefault]) assert.ok(personal.has(id), id);
  });

  it('validates .vscode/ai-connections.json with the shipped connection-file schema', () => {
    const rule = (manifest.contributes.jsonValidation as { fileMatch: string; url: string }[]).find((j) => j.fileMatch === '.vscode/ai-connections.json');
    assert.equal(rule?.url, './schemas/ai-connections.schema.json');
    assert.ok(existsSync(rule.url), 'the schema file exists');
  });

  it('declares limited support in untrusted workspaces, with the reason', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /team connections/);
  });
});

/** Every `when` and `enablement` clause under `node`, with where it is. */
function whenClauses(node: unknown, where = 'contributes'): { where: string; clause: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => whenClauses(n, `${where}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    (k === 'when' || k === 'enablement') && typeof v === 'string' ? [{ where: `${where}.${k}`, clause: v }] : whenClauses(v, `${where}.${k}`),
  );
}

/** The terms of a clause: `key`, `!key`, `key == value`, `key != value`, `key =~ /regex/`. */
function whenTerms(clause: string): { key: string; op?: '==' | '!=' | '=~'; value?: string }[] {
  return clause.split(/&&|\|\|/).map((raw) => {
    const term = raw.trim().replace(/^[!(\s]+|[)\s]+$/g, '');
    const m = /^([\w.]+)\s*(==|!=|=~)\s*(.+)$/.exec(term);
    if (!m) {
      assert.match(term, /^[\w.]+$/, `cannot read the when term "${raw}"`);
      return { key: term };
    }
    const value = (m[3] as string).trim();
    const regex = /^\/(.*)\/[a-z]*$/.exec(value);
    return { key: m[1] as string, op: m[2] as '==' | '!=' | '=~', value: regex ? regex[1] : value.replace(/^'(.*)'$/, '$1') };
  });
}

describe('walkthrough', () => {
  const walkthrough = (manifest.contributes.walkthroughs as { id: string; title: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[])[0];

  it('walks discover or import, key, test and chat, each step with its markdown', () => {
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['connect', 'setKey', 'test', 'chat']);
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown?.startsWith('media/walkthrough/') && existsSync(step.media.markdown), `${step.id}: ${step.media.markdown}`);
    }
  });

  it('links only to commands that are contributed (or are VS Code’s own)', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const named = walkthrough.steps.flatMap((s) => [
      ...[...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1] as string),
      ...(s.completionEvents ?? []).flatMap((e) => (e.startsWith('onCommand:') ? [e.slice('onCommand:'.length)] : [])),
    ]);
    assert.ok(named.length > 0);
    for (const id of named) assert.ok(contributed.has(id) || id.startsWith('workbench.'), id);
  });
});

describe('ready to publish (Marketplace and Open VSX)', () => {
  it('has a 128×128 PNG icon, a banner, and the fields the galleries show', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = readFileSync(manifest.icon);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.match(manifest.bugs.url, /\/issues$/);
    assert.ok(manifest.homepage);
    assert.equal(manifest.license, 'MIT');
    assert.ok(existsSync('LICENSE'));
    assert.equal(manifest.private, undefined, 'vsce publishes no private package');
    assert.equal(manifest.enabledApiProposals, undefined, 'Open VSX and the Marketplace refuse proposed API');
  });

  it('sits next to the AI extensions', () => {
    for (const c of ['AI', 'Chat', 'Machine Learning']) assert.ok(manifest.categories.includes(c), c);
    assert.ok(manifest.keywords.length <= 30, 'vsce allows at most 30 keywords');
    for (const k of ['llm', 'openai', 'ollama', 'openrouter']) assert.ok(manifest.keywords.includes(k), k);
  });
});
