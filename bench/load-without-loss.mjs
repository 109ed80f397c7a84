// Load without loss: `connections` clients POST /products with unique names for `seconds`,
// then stop issuing and wait for every request in flight, so the client has seen the answer to
// every request it sent. Writes the ids of every 201 to `out` and prints a JSON summary.
// Node's own http module only: nothing to install.
//   node bench/load-without-loss.mjs <base url> <token> <tag> <seconds> <connections> <out>
import { writeFileSync } from 'node:fs';
import http from 'node:http';

const [base, token, tag, seconds, connections, out] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const deadline = Date.now() + Number(seconds) * 1000;
const created = [];
const statuses = {};
let errors = 0;

function post(name) {
  const body = JSON.stringify({ name, price_cents: 100 });
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/products`, {
      method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
        Authorization: `Bearer ${token}` },
    }, response => {
      const chunks = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function client(n) {
  for (let i = 0; Date.now() < deadline; i++) {
    try {
      const { status, text } = await post(`${tag}-${n}-${i}`);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 201) created.push(JSON.parse(text).id);
    } catch (e) {
      errors++;
    }
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: Number(connections) }, (_, n) => client(n)));
const elapsed = (Date.now() - started) / 1000;
agent.destroy();
writeFileSync(out, created.join('\n') + (created.length ? '\n' : ''));
const total = Object.values(statuses).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ requests: total, per_second: Math.round(total / elapsed), statuses, errors }));
