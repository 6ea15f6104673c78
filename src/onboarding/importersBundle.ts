// The importers (and their parsers: yaml, smol-toml, jsonc-parser) are their own bundle, dist/importers.js,
// loaded the first time an import, export or discovery runs, so activation never pays for them.
import type * as Importers from '../importers';

export type ImportersModule = typeof Importers;

let loaded: ImportersModule | undefined;

/** The importers module; `distDir` is the folder holding extension.js (the extension's dist/). */
export function loadImporters(distDir: string = __dirname): ImportersModule {
  // A computed path, so esbuild leaves this require to run time instead of inlining the parsers here.
  const bundlePath = `${distDir}/importers.js`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading a bundle at run time is the point
  loaded ??= require(bundlePath) as ImportersModule;
  return loaded;
}
