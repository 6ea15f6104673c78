// The three parsers, each turning a syntax error into an ImportError with the file name and a 1-based line and
// column. The parsers' own messages quote the offending line, which may hold a key: only their first sentence is
// kept, and nothing of the text around the error.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseTomlDocument, TomlError } from 'smol-toml';
import { parseDocument, visit, type Document } from 'yaml';
import { ImportError } from './types';

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A parser's message without the quoted source: its first line, without "at line …" and the library's prefix. */
function firstSentence(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  return first
    .replace(/\s+at line \d+, column \d+:?\s*$/, '')
    .replace(/^Invalid TOML document:\s*/, '')
    .replace(/:\s*$/, '')
    // What follows a colon is the parser quoting the file (an alias, a tag, a token): not repeated.
    .replace(/:\s.*$/, '')
    .slice(0, 120);
}

function placeText(line: number | undefined, column: number | undefined): string {
  return line === undefined ? '' : ` at line ${line}${column === undefined ? '' : `, column ${column}`}`;
}

export function syntaxError(fileName: string, what: string, reason: string, line?: number, column?: number): ImportError {
  return new ImportError(`${fileName} is not valid ${what}${placeText(line, column)}: ${reason}.`, fileName, line, column);
}

/** JSON, with the comments and trailing commas that editors' JSON (JSONC) allows. */
export function parseJson(fileName: string, text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = positionAt(text, first.offset);
    throw syntaxError(fileName, 'JSON', describeJsonError(printParseErrorCode(first.error)), line, column);
  }
  if (value === undefined) throw syntaxError(fileName, 'JSON', 'the file is empty', 1, 1);
  return value;
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function parseYaml(fileName: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw syntaxError(fileName, 'YAML', firstSentence(first.message), pos?.line, pos?.col);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    // Aliases resolve only here: an unknown anchor, or one expanded past the limit (a "billion laughs" file).
    // The library's message names the alias, so only the kind of problem is told, at the alias's place.
    const at = unresolvedAlias(doc, text);
    const reason = at ? 'an alias refers to no anchor' : 'its aliases expand too far';
    throw syntaxError(fileName, 'YAML', reason, at?.line, at?.column);
  }
}

function unresolvedAlias(doc: Document, text: string): { line: number; column: number } | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (offset === undefined && node.range && node.resolve(doc) === undefined) offset = node.range[0];
    },
  });
  return offset === undefined ? undefined : positionAt(text, offset);
}

export function parseToml(fileName: string, text: string): unknown {
  try {
    return parseTomlDocument(text);
  } catch (error) {
    if (error instanceof TomlError) throw syntaxError(fileName, 'TOML', firstSentence(error.message), error.line, error.column);
    throw syntaxError(fileName, 'TOML', 'it could not be read');
  }
}

/** The wrong shape: the syntax is fine, the content is not what the format holds. */
export function shapeError(fileName: string, reason: string, line?: number, column?: number): ImportError {
  return new ImportError(`${fileName} ${reason}${placeText(line, column)}.`, fileName, line, column);
}
