// The connection form's HTML shell. Only the title is data (it may hold a hostile connection name) and
// it is escaped; the form itself is built by the webview script from messages, never from HTML strings.
//
// CSP: no relaxation is needed for the toolkit. FAST (under @vscode/webview-ui-toolkit) styles its
// components with constructable stylesheets (`adoptedStyleSheets`) and writes design tokens into an
// adopted sheet too; CSP `style-src` governs <style>/<link> elements and style attributes, not
// constructed sheets, so `'nonce-…'` for the one inline <style> below is enough (checked in Chromium:
// no `securitypolicyviolation` event fires while the form renders).
// One exception, handled without relaxing the policy: @microsoft/fast-web-utilities probes for
// `:focus-visible` support by inserting a temporary <style> element, and gives it the nonce it reads
// from <meta property="csp-nonce">. Without that meta the probe is blocked (a CSP error in the console)
// and the toolkit falls back to `:focus`, drawing focus rings on every mouse click. The meta gives
// nothing away: the nonce is fresh per render, and only script already running could read it.

export interface FormHtmlOptions {
  /** `webview.cspSource` */
  cspSource: string;
  /** A fresh random nonce per render (base64/hex; no quotes or spaces). */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview.js)` */
  scriptUri: string;
  title: string;
  /** `vscode.env.language`, so assistive tech reads the localized strings in the right language. */
  lang?: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** For a double-quoted attribute value: keeps the CSP's single quotes readable in the document. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Layout only; colours come from VS Code's theme variables, which the webview host defines. Rules for
// the component library's elements live with it, in webview-ui/src/toolkit.ts.
const STYLE = `
:root { color-scheme: light dark; }
body {
  margin: 0;
  padding: 16px 20px 32px;
  color: var(--vscode-foreground);
  background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  font-weight: var(--vscode-font-weight);
  line-height: 1.4;
}
.form { max-width: 640px; display: flex; flex-direction: column; gap: 14px; }
.title {
  margin: 0; font-size: 1.5em; font-weight: 600;
  overflow-wrap: anywhere; unicode-bidi: plaintext;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden;
}
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
fieldset.field { border: none; margin: 0; padding: 0; }
.label, legend.label { color: var(--vscode-foreground); cursor: default; padding: 0; margin: 0; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.row.align-end { align-items: flex-end; flex-wrap: nowrap; }
.grow { flex: 1 1 auto; width: auto; }
.header-rows { display: flex; flex-direction: column; gap: 6px; }
.header-rows:empty { display: none; }
fieldset.headers { gap: 6px; }
.header-row { flex-wrap: nowrap; }
.hint { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.error { color: var(--vscode-errorForeground); font-size: 0.92em; overflow-wrap: anywhere; }
.error:empty, .status-line:empty { display: none; }
.form-error {
  padding: 6px 10px; overflow-wrap: anywhere;
  color: var(--vscode-errorForeground);
  background: var(--vscode-inputValidation-errorBackground, transparent);
  border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
}
.form-error[hidden], [hidden] { display: none !important; }
.status-line { display: flex; gap: 6px; align-items: baseline; overflow-wrap: anywhere; min-width: 0; }
.status-line[data-state="fail"] { color: var(--vscode-errorForeground); }
.status-text { white-space: pre-wrap; min-width: 0; }
.marker { font-weight: 700; flex: none; }
.marker-pass { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.marker-fail { color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground)); }
.marker-warn { color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
.marker-pending, .marker-none { color: var(--vscode-descriptionForeground); }
.key-state { display: inline-flex; gap: 6px; align-items: baseline; color: var(--vscode-descriptionForeground); }
.advanced { border-top: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); padding-top: 10px; }
.advanced > summary { cursor: pointer; user-select: none; width: fit-content; }
.advanced > summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.advanced-body { display: flex; flex-direction: column; gap: 14px; padding-top: 12px; }
.footer { display: flex; flex-direction: column; gap: 10px; margin-top: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.spacer { flex: 1 1 auto; }
`;

export function renderFormHtml(opts: FormHtmlOptions): string {
  const { cspSource, nonce, scriptUri, title, lang } = opts;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html${lang ? ` lang="${escapeHtml(lang)}"` : ''}>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)};">
<meta property="csp-nonce" content="${escapeHtml(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<div id="root"></div>
<script type="module" nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
