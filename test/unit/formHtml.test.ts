// The form's HTML shell: the CSP the README promises, a fresh nonce on every script and style, the title as text.
import * as assert from 'node:assert/strict';
import { renderFormHtml } from '../../src/views/formHtml';

const BASE = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/webview.js', styleUri: 'https://x/webview.css' };

function csp(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(content.replace(/;$/, '').split(/;\s*/).map((d) => [d.split(' ')[0] ?? '', d.slice(d.indexOf(' ') + 1)]));
}

/** The nonce the policy allows scripts with. */
function nonceOf(html: string): string {
  const nonce = /^'nonce-([^']+)'$/.exec(csp(html).get('script-src') ?? '')?.[1];
  assert.ok(nonce, 'script-src allows a nonce and nothing else');
  return nonce;
}

describe('the form HTML and its Content Security Policy', () => {
  it('denies everything by default, runs only the nonce script, and forbids <base> and form posts', () => {
    const html = renderFormHtml({ ...BASE, title: 'New Connection' });
    const policy = csp(html);
    const nonce = nonceOf(html);
    assert.equal(policy.get('default-src'), "'none'");
    assert.equal(policy.get('style-src'), `${BASE.cspSource} 'nonce-${nonce}'`);
    assert.equal(policy.get('base-uri'), "'none'");
    assert.equal(policy.get('form-action'), "'none'");
    for (const [directive, value] of policy) assert.ok(!/unsafe-(inline|eval)|\*/.test(value), `${directive} is relaxed: ${value}`);
  });

  it('puts the nonce on every script and stylesheet, and a hostile title in as text', () => {
    const html = renderFormHtml({ ...BASE, title: '</title><script>alert(1)</script>' });
    const nonce = nonceOf(html);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `a script without the nonce: ${tag}`);
    assert.ok(html.includes(`<meta property="csp-nonce" content="${nonce}">`), 'the nonce the toolkit reads for its probe style');
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;'));
  });

  it('gives every render a fresh, unguessable nonce', () => {
    const nonces = Array.from({ length: 50 }, () => nonceOf(renderFormHtml({ ...BASE, title: 'New Connection' })));
    assert.equal(new Set(nonces).size, nonces.length, 'a nonce was reused');
    for (const n of nonces) assert.match(n, /^[0-9a-f]{48}$/, '192 bits, nothing to quote');
  });
});
