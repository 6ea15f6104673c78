// What the flows need from the extension, and nothing more: commands and views hand in their own pieces.
import type * as vscode from 'vscode';

/** Where a flow writes its diagnostics (the AI Connections output channel). */
export type FlowLog = Pick<vscode.LogOutputChannel, 'info' | 'error'>;
