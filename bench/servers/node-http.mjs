// Baseline: raw node:http answering GET / with `hello` (explicit Content-Length, keep-alive).
import http from 'node:http';

const BODY = 'hello';
http
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': BODY.length });
    res.end(BODY);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
