// The Socket.IO library (src/Chatwire.SocketIo) against the official socket.io-client 4.8, through the
// test host's namespaces (tests/Chatwire.SocketIo.TestHost/TestNamespaces.cs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startSocketIoHost, within, next } from '../support/socketio-host.mjs';

const TIMEOUT = 5_000;
let host;
const opened = [];

before(async () => {
  host = await startSocketIoHost();
});

after(async () => {
  for (const socket of opened) socket.disconnect();
  await host?.stop();
});

/** A client that the after hook closes; reconnection off unless a test turns it on. */
function client(namespace = '/', options = {}) {
  const socket = io(host.url + namespace, { reconnection: false, forceNew: true, ...options });
  opened.push(socket);
  return socket;
}

async function connected(namespace = '/', options = {}) {
  const socket = client(namespace, options);
  await next(socket, 'connect');
  return socket;
}

/** emit with a callback and resolve to every value the server acknowledged with. */
function emitWithAllAcks(socket, event, ...args) {
  return within(
    new Promise((resolve, reject) => {
      socket.timeout(TIMEOUT).emit(event, ...args, (err, ...values) => (err ? reject(err) : resolve(values)));
    }),
    TIMEOUT + 1_000,
    `ack of '${event}'`,
  );
}

test('connects over long-polling only and gets acks', async () => {
  const socket = await connected('/', { transports: ['polling'] });
  assert.equal(socket.io.engine.transport.name, 'polling');
  assert.deepEqual(await emitWithAllAcks(socket, 'echo', 'a', 1, { b: [true] }), ['a', 1, { b: [true] }]);
});

test('connects over websocket only, without polling first', async () => {
  const socket = await connected('/', { transports: ['websocket'] });
  assert.equal(socket.io.engine.transport.name, 'websocket');
  assert.deepEqual(await emitWithAllAcks(socket, 'echo', 'over websocket'), ['over websocket']);
});

test('upgrades from long-polling to websocket and keeps working', async () => {
  const socket = client('/', { transports: ['polling', 'websocket'] });
  const upgraded = next(socket.io, 'open').then(() => next(socket.io.engine, 'upgrade'));
  await next(socket, 'connect');
  await upgraded;
  assert.equal(socket.io.engine.transport.name, 'websocket');
  assert.deepEqual(await emitWithAllAcks(socket, 'echo', 'after upgrade'), ['after upgrade']);
});

test('an emit without ack is answered by a server emit', async () => {
  const socket = await connected();
  const echoed = next(socket, 'echo');
  socket.emit('echo', 'hello', 42);
  assert.deepEqual(await echoed, ['hello', 42]);
});

test('emitWithAck resolves to the first acknowledged value', async () => {
  const socket = await connected();
  assert.equal(await socket.timeout(TIMEOUT).emitWithAck('echo', 'first', 'second'), 'first');
});

for (const transport of ['websocket', 'polling']) {
  test(`binary payloads travel both ways over ${transport}`, async () => {
    const socket = await connected('/', { transports: [transport] });
    const pushed = next(socket, 'binary-back');
    const [same, reversed] = await emitWithAllAcks(socket, 'echo-binary', Buffer.from([1, 2, 3, 255]));
    assert.ok(Buffer.isBuffer(same));
    assert.deepEqual([...same], [1, 2, 3, 255]);
    assert.deepEqual([...reversed], [255, 3, 2, 1]);
    const [pushedSame, pushedReversed] = await pushed;
    assert.deepEqual([...pushedSame], [1, 2, 3, 255]);
    assert.deepEqual([...pushedReversed], [255, 3, 2, 1]);
  });
}

test('the secure namespace accepts the right token and exposes what middleware attached', async () => {
  const socket = await connected('/secure', { auth: { token: 'let-me-in' } });
  assert.deepEqual(await emitWithAllAcks(socket, 'whoami'), ['authorized-user', true]);
});

test('the secure namespace refuses a bad token with connect_error', async () => {
  const socket = client('/secure', { auth: { token: 'guess' } });
  const [error] = await next(socket, 'connect_error');
  assert.equal(error.message, 'unauthorized');
  assert.deepEqual(error.data, { hint: 'token' });
  assert.equal(socket.connected, false);
});

test('an unregistered namespace is refused as invalid', async () => {
  const socket = client('/nowhere');
  const [error] = await next(socket, 'connect_error');
  assert.equal(error.message, 'Invalid namespace');
});

test('a room broadcast reaches the members only', async () => {
  const member = await connected();
  const outsider = await connected();
  await emitWithAllAcks(member, 'join', 'room-1');

  let outsiderGotNews = false;
  outsider.on('news', () => {
    outsiderGotNews = true;
  });
  const news = next(member, 'news');
  assert.deepEqual(await emitWithAllAcks(outsider, 'to-room', 'room-1', 'news', 'hello', { n: 1 }), ['sent']);
  assert.deepEqual(await news, ['hello', { n: 1 }]);

  // A later round trip on the outsider's own connection shows no broadcast was queued before it.
  await emitWithAllAcks(outsider, 'echo', 'sync');
  assert.equal(outsiderGotNews, false);
});

test('leaving a room stops its broadcasts', async () => {
  const socket = await connected();
  await emitWithAllAcks(socket, 'join', 'room-2');
  const [rooms] = await emitWithAllAcks(socket, 'leave', 'room-2');
  assert.deepEqual(rooms, [socket.id]);
});

test('the server emits with an ack and receives the client answer', async () => {
  const socket = await connected();
  socket.on('ask', (question, callback) => callback(`${question}!`, Buffer.from([7])));
  const [answer, bytes] = await emitWithAllAcks(socket, 'server-ack', 'why');
  assert.equal(answer, 'why!');
  assert.deepEqual([...bytes], [7]);
});

test('the client reconnects by itself after the server drops the engine connection', async () => {
  const socket = await connected('/', { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
  const firstId = socket.id;
  const disconnected = next(socket, 'disconnect');
  socket.emit('drop');
  const [reason] = await disconnected;
  assert.equal(reason, 'transport close');
  await next(socket, 'connect', TIMEOUT);
  assert.notEqual(socket.id, firstId);
  assert.deepEqual(await emitWithAllAcks(socket, 'echo', 'back again'), ['back again']);
});

test('a namespace disconnect from the server is final for the client', async () => {
  const socket = await connected('/', { reconnection: true, reconnectionDelay: 50 });
  const disconnected = next(socket, 'disconnect');
  socket.emit('kick');
  const [reason] = await disconnected;
  assert.equal(reason, 'io server disconnect');
  assert.equal(socket.active, false);
});
