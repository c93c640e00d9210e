// node-http.mjs in TypeScript, for `tsx watch` in the reload bench.
import http from 'node:http';

const BODY: string = 'hello';
http
  .createServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': BODY.length });
    res.end(BODY);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
