// The shapes of a request and its response, in a leaf module: the request primitive (http.ts), body
// sniffing (json.ts) and failure classification (classify.ts) all read them without depending on each other.

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: string;
  /** Protocol headers (content negotiation, API versions): sent on every hop. */
  headers?: Record<string, string>;
  /**
   * Credential headers (the key in whatever header the dialect uses, plus the connection's custom headers):
   * sent only while the request stays on the origin of `url`. One rule for all of them, so no header can leak
   * the way Node's fetch leaks everything but `Authorization` on a cross-origin redirect.
   */
  credentials?: Record<string, string>;
  /** JSON body for POST. */
  body?: unknown;
  /** Form body for POST (OAuth token endpoints); used instead of `body`. */
  form?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The URL that answered (after redirects). */
  url: string;
  text: string;
  /** Set when a redirect left the origin and the credentials were therefore withheld. */
  credentialsWithheldFrom?: string;
}

/** A final (non-redirect) response whose body has not been read yet. */
export interface OpenedResponse {
  response: Response;
  /** The URL that answered (after redirects). */
  url: string;
  credentialsWithheldFrom?: string;
}
