// The floor under the HTTP figures: a bare node:http server that runs one PGlite query per request
// and answers a small JSON body. `npm run bench` measures it side by side with Lotse's signed-in
// `GET /api/v1/me`, so the ratio says what Lotse's own request path costs on top of the database.
// Prints one JSON line {port} when ready.
import { PGlite } from '@electric-sql/pglite';
import http from 'node:http';

const dir = process.env.BENCH_DATA_DIR;
const db = dir ? new PGlite(dir) : new PGlite();
await db.waitReady;
await db.exec('create table if not exists floor_probe (id int primary key, name text); insert into floor_probe values (1, $$Benchmark$$) on conflict do nothing;');

const server = http.createServer((_req, res) => {
  db.query<{ id: number; name: string }>('select id, name from floor_probe where id = $1', [1]).then(
    (result) => {
      const body = JSON.stringify({ network: result.rows[0] });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, cookie: '' }));
});
process.on('SIGTERM', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
