// The same app in TypeScript, for tsx watch.
const BODY: string = 'hello';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

http
  .createServer((req: IncomingMessage, res: ServerResponse) => {
    const body = req.url === '/' ? BODY : 'not found';
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
