// Throw-away VS Code profiles (user data, extensions, HOME, workspace) for one tier run.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Settings every test profile starts with: quiet, offline, no assistant process. */
export const TEST_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Settings a profile adds to TEST_SETTINGS to show VS Code's own chat (its agent, offline, no sign-in).
 * Facts: ../shared/vscode-host.md, "The real chat agent, offline".
 */
export const CHAT_SETTINGS = {
  // Undo TEST_SETTINGS' switch: with it on, the chat view and the agent never start.
  'chat.disableAIFeatures': false,
  // Models that extensions provide work without a GitHub sign-in.
  'chat.allowAnonymousAccess': true,
  // Background work (titles, summaries) gets no model of its own: no "Set BYOK utility models" prompt, and no
  // requests besides the agent's reach the test's servers.
  'chat.byokUtilityModelDefault': 'none',
};

export function createProfile(prefix, settings = {}) {
  const root = mkdtempSync(join(tmpdir(), `aic-${prefix}-`));
  const profile = {
    root,
    home: join(root, 'home'),
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const dir of [profile.home, profile.extensionsDir, profile.workspace, join(profile.userDataDir, 'User')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    join(profile.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...TEST_SETTINGS, ...settings }, null, 2),
  );
  return profile;
}
