// Dropping a file (from the Explorer or the desktop) onto the Connections view imports it: the same command,
// preview and result as *Import Connections from File…*. The view accepts files only; it drags nothing out.
import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { TreeNode } from './connectionTree';

const URI_LIST = 'text/uri-list';

export class ImportDropController implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dropMimeTypes = [URI_LIST];
  readonly dragMimeTypes: string[] = [];

  async handleDrop(_target: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const list = await data.get(URI_LIST)?.asString();
    const uris = (list ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const text of uris) {
      // One preview per file, one after another.
      await vscode.commands.executeCommand(CommandId.importConnections, vscode.Uri.parse(text, true));
    }
  }
}
