// Baseline: Fastify 5 without its logger, GET / -> `hello`.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async (_req, reply) => {
  reply.type('text/plain; charset=utf-8');
  return 'hello';
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
