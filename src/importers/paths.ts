// Path handling without Node's `path` (the module takes no Node-only import): enough for the files a format
// refers to (Continue's .env files, SillyTavern's secrets.json, opencode's {file:…}). POSIX and Windows paths.

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function dirnameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '.';
  return i === 0 ? path.slice(0, 1) : path.slice(0, i);
}

export function joinPath(dir: string, ...parts: string[]): string {
  const sep = separatorOf(dir);
  return [dir.replace(/[\\/]+$/, ''), ...parts.map((p) => p.replace(/^[\\/]+|[\\/]+$/g, ''))].join(sep);
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** A path as a config file writes it: `~/…` from the home folder, relative from the file's folder. */
export function resolvePath(path: string, baseDir: string, homeDir: string | undefined): string | undefined {
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) {
    return homeDir === undefined ? undefined : joinPath(homeDir, path.slice(2));
  }
  return isAbsolutePath(path) ? path : joinPath(baseDir, path.replace(/^\.[\\/]/, ''));
}

/** A file a format refers to, read through the context; absent or unreadable is undefined, never an error. */
export function readOptional(readFile: ((path: string) => string | undefined) | undefined, path: string): string | undefined {
  try {
    return readFile?.(path);
  } catch {
    return undefined;
  }
}
