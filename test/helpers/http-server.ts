/**
 * In-process HTTP helpers: a real node:http server on 127.0.0.1:0 around a request listener, and
 * a raw-socket client for request targets that fetch() would normalise (`/static/../x`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly base: string;
  close(): Promise<void>;
}

/** Listens on an ephemeral port; `close()` also drops keep-alive connections. */
export async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends `METHOD target HTTP/1.1` byte for byte and reads the whole answer (Connection: close). */
export function rawRequest(port: number, target: string, method = 'GET', extraHeaders = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split === -1 ? all.length : split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(head[0]!.split(' ')[1]), headers, body: split === -1 ? Buffer.alloc(0) : all.subarray(split + 4) });
    });
    socket.write(Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`, 'latin1'));
  });
}

/** A port free right now, for a server that only takes its port from outside (`PORT=...`). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
