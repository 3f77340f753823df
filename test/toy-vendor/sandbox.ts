/**
 * The toy vendor's sandbox: its emulator, a real HTTP server on 127.0.0.1 (the gateway's sandbox
 * harness) with two routes: a widget as JSON, and the widget's file as bytes. Bearer token required.
 */
import { bearer, sendJson, startSandbox, type SandboxServer } from '../../src/sandbox/harness.js';

/** The emulator's credentials (not a secret). */
export const TOY_SANDBOX = { token: 'toy-sandbox-token' } as const;
export const TOY_WIDGETS: Record<string, { id: string; name: string; file: string }> = {
  w1: { id: 'w1', name: 'First widget', file: 'the bytes of widget w1\n' },
  w2: { id: 'w2', name: 'Second widget', file: 'the bytes of widget w2\n' },
  w3: { id: 'w3', name: 'Third widget', file: 'the bytes of widget w3\n' },
  w4: { id: 'w4', name: 'Fourth widget', file: 'the bytes of widget w4\n' },
};

export function startToySandbox(): Promise<SandboxServer> {
  return startSandbox({
    name: 'toy',
    errorBody: (status, message) => ({ body: { error: { status, message } } }),
    routes: [
      {
        name: 'widget',
        method: 'GET',
        pattern: /^\/widgets\/(?<id>[^/]+)$/,
        handler: ({ params, req, res }) => {
          if (bearer(req) !== TOY_SANDBOX.token)
            return sendJson(res, 401, { error: { message: 'bad token' } });
          const w = TOY_WIDGETS[params.id ?? ''];
          if (!w) return sendJson(res, 404, { error: { message: 'no such widget' } });
          sendJson(res, 200, { id: w.id, name: w.name });
        },
      },
      {
        name: 'file',
        method: 'GET',
        pattern: /^\/widgets\/(?<id>[^/]+)\/file$/,
        handler: ({ params, req, res }) => {
          if (bearer(req) !== TOY_SANDBOX.token)
            return sendJson(res, 401, { error: { message: 'bad token' } });
          const w = TOY_WIDGETS[params.id ?? ''];
          if (!w) return sendJson(res, 404, { error: { message: 'no such widget' } });
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(w.file) });
          res.end(req.method === 'HEAD' ? undefined : w.file);
        },
      },
    ],
  });
}
