// The peer tools' app: raw node:http answering GET / with BODY (the bench rewrites the literal).
const BODY = 'hello';
const http = require('node:http');

http
  .createServer((req, res) => {
    const body = req.url === '/' ? BODY : 'not found';
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
