/**
 * The baseline of `npm run bench` (gateway case): a minimal node:http server that answers each
 * request by making the same two vendor calls directly (Torq list + one Oracle package, undici
 * with keep-alive) and returning the same fields as the bench query. Run as a child process, like
 * the gateway, so both are measured the same way. Prints `listening on <url>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const torqUrl = process.env.DIRECT_TORQ_URL ?? '';
const oracleUrl = process.env.DIRECT_ORACLE_URL ?? '';
const torqToken = process.env.DIRECT_TORQ_TOKEN ?? '';
const oracleToken = process.env.DIRECT_ORACLE_TOKEN ?? '';
const oracleUser = process.env.DIRECT_ORACLE_USER ?? '';
const packagePath = process.env.DIRECT_ORACLE_PATH ?? '';
const first = Number(process.env.DIRECT_FIRST ?? 73);
const dispatcher = new Agent({ connections: 32, keepAliveTimeout: 10_000 });

interface Integration {
  id: string;
  name: string;
  display_name?: string;
  type_id?: string;
  created_at?: string;
  created_by?: string;
  details?: { trigger?: { webhook_url?: string } };
}

const server = createServer((_req, res) => {
  void (async () => {
    try {
      const [torq, oracle] = await Promise.all([
        request(`${torqUrl}/v1alpha/integrations`, {
          dispatcher,
          headers: { authorization: `Bearer ${torqToken}`, accept: 'application/json' },
        }).then((r) => r.body.json() as Promise<{ integrations: Integration[] }>),
        request(`${oracleUrl}${packagePath}`, {
          dispatcher,
          headers: {
            authorization: `Bearer ${oracleToken}`,
            'x-oracle-userid': oracleUser,
            accept: 'application/json',
          },
        }).then((r) => r.body.json() as Promise<Record<string, unknown>>),
      ]);
      const edges = torq.integrations.slice(0, first).map((i) => ({
        node: {
          id: i.id,
          name: i.name,
          displayName: i.display_name ?? null,
          typeId: i.type_id ?? null,
          createdAt: i.created_at ?? null,
          createdBy: i.created_by ?? null,
          webhookUrl: i.details?.trigger?.webhook_url ?? null,
        },
      }));
      const body = JSON.stringify({
        data: {
          integrations: { edges },
          packageVersion: { name: oracle.name, version: oracle.version, status: oracle.status },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  })();
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
