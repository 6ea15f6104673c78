// The `fetch` local discovery is given: plain node:http to 127.0.0.1, so the probes never go through the
// proxy support VS Code adds to the extension host's global fetch (a configured proxy must not see them, and
// its per-request proxy lookup made a burst of probes miss the discovery deadline on a busy machine).
import { request } from 'node:http';
import type { FetchLike } from '../importers/localServers';

const MAX_BODY = 2 * 1024 * 1024;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export const loopbackFetch: FetchLike = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1') {
      reject(new Error('local discovery asks only http://127.0.0.1'));
      return;
    }
    const req = request(target, { method: 'GET', headers: init.headers, signal: init.signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          req.destroy(new Error('body too large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) return reject(new Error(`status ${status}`));
        resolve(new Response(NULL_BODY_STATUS.has(status) ? null : Buffer.concat(chunks), { status }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
