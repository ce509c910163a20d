// The reference: a bare Fastify 5 route, run as a child process of the bench.
import Fastify from 'fastify';

const product = { id: 'prd_reference', name: 'Reference Wireless Headphones', price: 12_900 };

const app = Fastify({ logger: false });
app.get('/bare', async () => product);

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`bare server listening on ${address}\n`);
