// Shared by every tier: runs a Mocha instance and reports the tier's closing line.
// CommonJS because the integration tier loads it inside the VS Code extension host.
'use strict';

/**
 * @param {import('mocha')} mocha
 * @param {string} tier
 * @param {(line: string) => void} print
 * @returns {Promise<{passed: number, failed: number, pending: number}>}
 */
function runMocha(mocha, tier, print = (l) => console.log(l)) {
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const passed = runner.stats?.passes ?? 0;
      const failed = runner.stats?.failures ?? 0;
      const pending = runner.stats?.pending ?? 0;
      print(`${tier}: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      resolve({ passed, failed, pending });
    });
  });
}

module.exports = { runMocha };
