/**
 * GraphiQL's page is ~9 MB of inlined assets and the same for every visitor: compress it once
 * (brotli and gzip, chosen by Accept-Encoding) and give it a strong ETag, so a first visit moves
 * a fraction of the bytes and a revisit costs a 304.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

type Coding = 'br' | 'gzip' | 'identity';

/** The preferred coding the caller accepts (q=0 excludes), or identity. */
export function pickEncoding(acceptEncoding: string | null): Coding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function useCompressedGraphiQL(page: () => string | undefined): Plugin {
  // Built on first use, each coding once: brotli 5 and gzip 6 take ~0.5 s for ~9 MB → ~2 MB.
  let source: { html: string; identity: Buffer; etag: string } | undefined;
  const encoded = new Map<Coding, Promise<Buffer>>();
  const encode = (identity: Buffer, coding: Coding): Promise<Buffer> => {
    let p = encoded.get(coding);
    if (!p) {
      p =
        coding === 'br'
          ? br(identity, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 5,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
              },
            })
          : coding === 'gzip'
            ? gz(identity, { level: 6 })
            : Promise.resolve(identity);
      encoded.set(coding, p);
    }
    return p;
  };
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (request.method !== 'GET' || !response.headers.get('content-type')?.startsWith('text/html')) return;
      const html = page();
      if (html === undefined) return;
      if (source?.html !== html) {
        const identity = Buffer.from(html);
        const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
        source = { html, identity, etag };
        encoded.clear();
      }
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        etag: source.etag,
        vary: 'accept-encoding',
        // Revalidate every time: another gateway version is seen at once, the same one costs a 304.
        'cache-control': 'no-cache',
      };
      const match = request.headers.get('if-none-match');
      if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === source?.etag)) {
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const coding = pickEncoding(request.headers.get('accept-encoding'));
      if (coding !== 'identity') headers['content-encoding'] = coding;
      const body = await encode(source.identity, coding);
      headers['content-length'] = String(body.length);
      setResponse(new fetchAPI.Response(new Uint8Array(body), { status: 200, headers }));
    },
  };
}
