// Baseline: Fastify 5 without its logger, GET / -> `hello`, GET /hello/:name -> the template page.
import Fastify from 'fastify';
import { renderPage } from './page.mjs';

const app = Fastify({ logger: false });
app.get('/', async (_req, reply) => {
  reply.type('text/plain; charset=utf-8');
  return 'hello';
});
app.get('/hello/:name', async (req, reply) => {
  reply.type('text/html; charset=utf-8');
  return renderPage(req.params.name);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
