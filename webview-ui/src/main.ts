// Entry point of the connection form webview: handshake, message routing, keyboard shortcuts.
import { ConnectionForm } from './connectionForm';
import { parseToWebview } from '../../src/shared/protocol';
import { applyReadOnly } from './readOnly';
import { registerToolkit } from './toolkit';
import { loadState, post } from './vscodeApi';
// Bundled by esbuild into dist/webview.css, linked by the host's HTML (src/views/formHtml.ts).
import './form.css';

registerToolkit();

const root = document.getElementById('root') ?? document.body;
let form: ConnectionForm | undefined;
let readOnly = false;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToWebview(event.data);
  if (!msg) {
    console.warn('[ai-connections] ignored a malformed message from the extension host');
    return;
  }
  if (msg.type === 'init') {
    readOnly = msg.readOnly !== undefined;
    // After Reload (a conflict on Save), the stored connection wins over the draft kept in the webview state;
    // a read-only form shows the file's fields as they are, never a draft kept from before.
    form = new ConnectionForm(root, msg, msg.fresh || readOnly ? undefined : loadState());
    if (msg.readOnly !== undefined) applyReadOnly(root, msg.readOnly);
    return;
  }
  form?.handle(msg);
});

document.addEventListener('keydown', (e) => {
  // Ctrl/Cmd+Enter saves; plain Enter never submits (the form has no <form> element to submit).
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && form && !readOnly) {
    e.preventDefault();
    form.save();
  }
});

post({ type: 'ready' });
