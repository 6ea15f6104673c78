import * as vscode from 'vscode';
import { ViewId } from '../ids';

/** The chat model picker's "manage" entry: opens the Connections view. */
export const manage = () => () => vscode.commands.executeCommand(`${ViewId.connections}.focus`);
