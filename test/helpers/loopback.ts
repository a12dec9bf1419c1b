// A local HTTP server on 127.0.0.1 for live-call tests (catalogs, probe):
// nothing in the suite reaches a real vendor. Each test sets `handler`; every
// request is recorded (method, url, headers, body) for assertions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
export type Handler = (req: Seen, res: ServerResponse) => void;

export interface Loopback {
  base: string;
  port: number;
  seen: Seen[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  const lb = { seen: [] as Seen[], handler: ((_q, r) => r.end('{}')) as Handler } as Loopback;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      lb.seen.push(s);
      lb.handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  lb.port = (server.address() as { port: number }).port;
  lb.base = `http://127.0.0.1:${lb.port}`;
  lb.close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return lb;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A recorded catalog page from test/catalog-shapes/NAME.json (its `body`). */
export function shape(name: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'catalog-shapes', `${name}.json`), 'utf8')).body;
}
