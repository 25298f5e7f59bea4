// @grpc/grpc-js as a client of StageControl.Rpc's server. Usage: node echo_client.js CHECK PORT PROTO_ROOT.
// Prints "ok CHECK" and exits 0, or prints the failure and exits 1. keepCase: true keeps proto field names
// (delay_ms, fail_code) as written and enums: String gives enum names (@grpc/proto-loader README).
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const [name, port, protoRoot] = process.argv.slice(2);
const def = loader.loadSync(['stagecontrol/v1/echo.proto', 'grpc/health/v1/health.proto'],
  { keepCase: true, defaults: true, enums: String, includeDirs: [path.resolve(protoRoot)] });
const pkg = grpc.loadPackageDefinition(def);
const target = `127.0.0.1:${port}`;
const echo = new pkg.stagecontrol.v1.Echo(target, grpc.credentials.createInsecure());
const health = new pkg.grpc.health.v1.Health(target, grpc.credentials.createInsecure());
const MESSAGE = 'naïve 100% "fail"\nline two €';
const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });

function expect(cond, what) { if (!cond) { throw new Error(what); } }
const unary = (client, method, req, md = new grpc.Metadata(), opts = deadline(10000)) =>
  new Promise((resolve, reject) => client[method](req, md, opts, (err, res) => (err ? reject(err) : resolve(res))));
async function expectCode(promise, code) {
  try { await promise; } catch (e) {
    expect(e.code === code, `expected code ${code}, got ${e.code}: ${e.details}`);
    return e;
  }
  throw new Error(`expected code ${code}, the call succeeded`);
}
function collect(call) {
  return new Promise((resolve, reject) => {
    const items = [];
    call.on('data', (d) => items.push(d));
    call.on('error', reject);
    call.on('end', () => resolve(items));
  });
}

const checks = {
  async health_check() {
    const r = await unary(health, 'Check', { service: '' });
    expect(r.status === 'SERVING', `status ${r.status}`);
    await expectCode(unary(health, 'Check', { service: 'nope' }), grpc.status.NOT_FOUND);
  },
  async unary() {
    const r = await unary(echo, 'Unary', { text: 'hello' });
    expect(r.text === 'hello', `reply ${JSON.stringify(r)}`);
  },
  async server_stream() {
    const items = await collect(echo.ServerStream({ text: 's', count: 5 }, deadline(10000)));
    expect(JSON.stringify(items.map((i) => i.text)) === JSON.stringify([0, 1, 2, 3, 4].map((i) => `s:${i}`)), `items ${JSON.stringify(items)}`);
  },
  async client_stream() {
    const r = await new Promise((resolve, reject) => {
      const call = echo.ClientStream(deadline(10000), (err, res) => (err ? reject(err) : resolve(res)));
      for (const t of ['a', 'b', 'c']) { call.write({ text: t }); }
      call.end();
    });
    expect(r.text === 'a,b,c' && r.index === 3, `reply ${JSON.stringify(r)}`);
  },
  async bidi() {
    const call = echo.Bidi(deadline(10000));
    const replies = [];
    await new Promise((resolve, reject) => {
      let i = 0;
      call.on('data', (d) => {
        replies.push(d.text);
        expect(d.text === `p${i}`, `pong ${i}: ${d.text}`);
        i += 1;
        if (i < 10) { call.write({ text: `p${i}` }); } else { call.end(); }
      });
      call.on('error', reject);
      call.on('end', resolve);
      call.write({ text: 'p0' });
    });
    expect(replies.length === 10, `replies ${replies.length}`);
  },
  async error() {
    const e = await expectCode(unary(echo, 'Unary', { fail_code: 9, fail_message: MESSAGE }), grpc.status.FAILED_PRECONDITION);
    expect(e.details === MESSAGE, `details ${JSON.stringify(e.details)}`);
    expect(e.metadata.get('x-fail-trailer')[0] === 'present', 'trailer missing');
  },
  async deadline() {
    await expectCode(unary(echo, 'Unary', { text: 'slow', delay_ms: 5000 }, new grpc.Metadata(), deadline(300)), grpc.status.DEADLINE_EXCEEDED);
  },
  async cancel() {
    const call = echo.ServerStream({ text: 'c', count: 1000, delay_ms: 20 }, deadline(20000));
    const code = await new Promise((resolve) => {
      call.once('data', () => call.cancel());
      call.on('error', (e) => resolve(e.code));
      call.on('end', () => resolve('end'));
    });
    expect(code === grpc.status.CANCELLED, `code ${code}`);
  },
  async metadata() {
    const blob = Buffer.from([0, 255, 16, 128, 127]);
    const md = new grpc.Metadata();
    md.add('x-echo', 'value 1');
    md.add('x-echo-bin', blob);
    const seen = {};
    await new Promise((resolve, reject) => {
      const call = echo.Unary({ text: 'm' }, md, deadline(10000), (err) => (err ? reject(err) : resolve()));
      call.on('metadata', (m) => { seen.initial = m; });
      call.on('status', (s) => { seen.trailing = s.metadata; });
    });
    await new Promise((r) => setImmediate(r));
    expect(seen.initial.get('x-echo')[0] === 'value 1', 'x-echo header');
    expect(Buffer.compare(seen.initial.get('x-echo-bin')[0], blob) === 0, 'x-echo-bin header');
    expect(seen.trailing.get('x-echo-trailer')[0] === 'value 1', 'x-echo-trailer');
    expect(Buffer.compare(seen.trailing.get('x-echo-trailer-bin')[0], blob) === 0, 'x-echo-trailer-bin');
  },
  async unimplemented() {
    const client = new grpc.Client(target, grpc.credentials.createInsecure());
    const p = new Promise((resolve, reject) => client.makeUnaryRequest('/stagecontrol.v1.Echo/Missing', (x) => x, (x) => x,
      Buffer.alloc(0), new grpc.Metadata(), deadline(10000), (err, res) => (err ? reject(err) : resolve(res))));
    await expectCode(p, grpc.status.UNIMPLEMENTED);
  },
};

checks[name]().then(() => { console.log(`ok ${name}`); process.exit(0); },
  (e) => { console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`); process.exit(1); });
