// A request that got no HTTP response at all (DNS, refused, reset, TLS, connect timeout) → the error the
// user sees. Kept apart from HTTP-failure classification (classify.ts) so the request primitive (http.ts)
// depends on this and nothing that reads response bodies.
import type { CallContext } from './callContext';
import { ProviderError } from './providerError';
import { describeUrl } from './url';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain contains a self-signed certificate (a company proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate cannot be verified against a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate issuer is not trusted on this machine (a company proxy?)',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check the clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for a different host name',
  HOSTNAME_MISMATCH: 'the certificate is for a different host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak HTTPS on this port (try http://)',
  EPROTO: 'the TLS handshake failed (does the server speak HTTPS on this port?)',
};

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Walks an error's cause chain (fetch wraps the socket error twice) for Node's error codes. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const like = current as ErrorLike;
    if (typeof like.code === 'string') codes.push(like.code);
    if (typeof like.message === 'string') {
      // undici reports some TLS failures only in words.
      const match = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_HAS_EXPIRED|ERR_SSL_[A-Z_]+)\b/.exec(like.message);
      if (match?.[1]) codes.push(match[1]);
      if (/self[- ]signed certificate/i.test(like.message)) codes.push('DEPTH_ZERO_SELF_SIGNED_CERT');
    }
    current = like.cause;
  }
  return codes;
}

/** A request that got no HTTP response at all. */
export function classifyNetworkError(error: unknown, url: string, ctx: CallContext): ProviderError {
  const codes = causeCodes(error);
  const where = describeUrl(url);
  const host = safeHost(url);
  const tls = codes.find((code) => TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'));
  if (tls !== undefined) {
    const reason = TLS_REASONS[tls] ?? `TLS error ${tls}`;
    return new ProviderError('tls', `Certificate problem with ${host}: ${reason}.`);
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN') || codes.includes('EAI_NONAME')) {
    return new ProviderError('wrong_url', `The host name ${host} cannot be found. Check the API URL (${where}).`);
  }
  if (codes.includes('ECONNREFUSED')) {
    return new ProviderError(
      'network',
      `Nothing is listening at ${host} (connection refused). If this is a local server, is it running?`,
    );
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return new ProviderError('timeout', `${host} did not accept a connection in time.`);
  }
  if (codes.some((code) => ['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN'].includes(code))) {
    return new ProviderError('network', `${host} cannot be reached from this machine (no network route). Check your connection or proxy.`);
  }
  if (codes.some((code) => ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code))) {
    return new ProviderError('network', `The connection to ${host} was closed before an answer arrived.`, { connectionCut: true });
  }
  const detail = codes[0] ? ` (${codes[0]})` : '';
  return new ProviderError('network', ctx.redact(`${where} cannot be reached${detail}.`));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
