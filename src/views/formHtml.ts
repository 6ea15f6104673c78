// The connection form's HTML shell. Only the title is data (it may hold a hostile connection name) and
// it is escaped; the form itself is built by the webview script from messages, never from HTML strings.
//
// CSP: no relaxation is needed for the toolkit. FAST (under @vscode/webview-ui-toolkit) styles its
// components with constructable stylesheets (`adoptedStyleSheets`) and writes design tokens into an
// adopted sheet too; CSP `style-src` governs <style>/<link> elements and style attributes, not
// constructed sheets, so `${cspSource}` for the stylesheet and `'nonce-…'` are enough (checked in Chromium:
// no `securitypolicyviolation` event fires while the form renders).
// One exception, handled without relaxing the policy: @microsoft/fast-web-utilities probes for
// `:focus-visible` support by inserting a temporary <style> element, and gives it the nonce it reads
// from <meta property="csp-nonce">. Without that meta the probe is blocked (a CSP error in the console)
// and the toolkit falls back to `:focus`, drawing focus rings on every mouse click. The meta gives
// nothing away: the nonce is fresh per render, and only script already running could read it.

export interface FormHtmlOptions {
  /** `webview.cspSource` */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)` */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webview.css)`: the layout, bundled from webview-ui/src/form.css */
  styleUri: string;
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

/** 192 random bits from the platform's CSPRNG, in hex (48 characters, nothing to quote in a CSP). */
function newNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page, with a fresh nonce of its own: every render gets one, never shared with another. */
export function renderFormHtml(opts: FormHtmlOptions): string {
  const { cspSource, scriptUri, styleUri, title, lang } = opts;
  const nonce = newNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    // No <base> may redirect relative URLs, and no form may post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html${lang ? ` lang="${escapeHtml(lang)}"` : ''}>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)};">
<meta property="csp-nonce" content="${escapeHtml(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
</head>
<body>
<div id="root"></div>
<script type="module" nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
