// Where a value sits in the file, for a shape error's line and column (the parsers know the node positions).
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { isNode, parseDocument } from 'yaml';
import { positionAt } from './parse';

export type Place = { line: number; column: number } | undefined;

export function locateJson(text: string, path: (string | number)[]): Place {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, path);
  return node ? positionAt(text, node.offset) : undefined;
}

export function locateYaml(text: string, path: (string | number)[]): Place {
  const node: unknown = parseDocument(text).getIn(path, true);
  return isNode(node) && node.range ? positionAt(text, node.range[0]) : undefined;
}
