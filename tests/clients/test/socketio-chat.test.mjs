// The Socket.IO wires of seeds 003 (default namespace, ai:chat) and 001 (/chats), driven by the
// official socket.io-client exactly as the seeds' JavaScript, React and Vue snippets use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, mintToken, waitFor } from '../support/server.mjs';
import { within, next } from '../support/socketio-host.mjs';

let server;
// Generous limits here: every anonymous test shares 127.0.0.1, which anonymous rate limits also key on.
before(async () => { server = await startServer({ 'RateLimits:AnonymousRequests': '500' }); });
after(async () => { await server?.stop(); });

const open = [];
function connect(path = '', options = {}) {
  const socket = io(`${server.url}${path}`, { reconnection: false, ...options });
  open.push(socket);
  return socket;
}
after(() => open.forEach((s) => s.close()));

// Seed 003's "JavaScript" client: emit ai:chat, append ai:stream, finish on ai:complete.
async function askSeed003(socket, payload) {
  let streamed = '';
  const onStream = (data) => { streamed += data.content; };
  socket.on('ai:stream', onStream);
  try {
    const outcome = await within(new Promise((resolve) => {
      socket.once('ai:complete', (data) => resolve({ complete: data }));
      socket.once('ai:error', (data) => resolve({ error: data }));
      socket.emit('ai:chat', payload);
    }), 15_000, 'ai:complete or ai:error');
    return { streamed, ...outcome };
  } finally {
    socket.off('ai:stream', onStream);
  }
}

test('seed 003: ai:chat streams ai:stream chunks that add up to ai:complete', async () => {
  const socket = connect();
  const { streamed, complete, error } = await askSeed003(socket, { message: 'What endpoints does Chatwire have?' });
  assert.equal(error, undefined);
  assert.ok(streamed.length > 0);
  assert.equal(complete.response, streamed);
  assert.match(complete.sessionId, /^[0-9a-f-]{36}$/);
});

test('seed 003: a sessionId continues the conversation, and a payload token stores it for that user', async () => {
  const token = await mintToken(server, 'sio-user-1');
  const socket = connect();
  const first = await askSeed003(socket, { message: 'How do I authenticate?', token });
  const second = await askSeed003(socket, { message: 'And over Socket.IO?', sessionId: first.complete.sessionId, token });
  assert.equal(second.complete.sessionId, first.complete.sessionId);

  const messages = await (await fetch(`${server.url}/api/v1/chats/${first.complete.sessionId}/messages`, {
    headers: { Authorization: `Bearer ${token}` },
  })).json();
  assert.equal(messages.total, 4);
  assert.equal(messages.items[3].content, second.complete.response);
});

test('seed 003 React and Vue snippets: the response state accumulates chunks and resets per message', async () => {
  const socket = connect();
  let response = '';
  socket.on('ai:stream', (data) => { response = response + data.content; });
  const completes = [];
  socket.on('ai:complete', (data) => completes.push(data));
  const sendMessage = (message) => { response = ''; socket.emit('ai:chat', { message, token: undefined }); };

  sendMessage('Hello');
  await waitFor(() => completes.length === 1, 15_000, 'first ai:complete');
  assert.equal(response, completes[0].response);
  sendMessage('What are the rate limits?');
  await waitFor(() => completes.length === 2, 15_000, 'second ai:complete');
  assert.equal(response, completes[1].response);
});

test('seed 003: bad payloads and bad tokens get ai:error with a code, and the socket keeps working', async () => {
  const socket = connect();
  for (const [payload, code] of [['just a string', 'INVALID_FORMAT'], [{ message: 42 }, 'INVALID_FORMAT'], [{ message: '  ' }, 'EMPTY_MESSAGE'],
    [{ message: 'hi', token: 'not-a-jwt' }, 'INVALID_TOKEN'], [{ message: 'x'.repeat(4001) }, 'MESSAGE_TOO_LONG']]) {
    const { error } = await askSeed003(socket, payload);
    assert.equal(error?.code, code, JSON.stringify(payload).slice(0, 60));
    assert.equal(typeof error.error, 'string');
  }
  const { complete } = await askSeed003(socket, { message: 'Hello again' });
  assert.ok(complete.response.length > 0);
});

test('seed 003: an ack callback receives the final payload', async () => {
  const socket = connect();
  const reply = await within(socket.emitWithAck('ai:chat', { message: 'What is Chatwire?' }), 15_000, 'ack');
  assert.ok(reply.response.length > 0);
  assert.ok(reply.sessionId);
});

test('seed 001: /chats pushes usage_info on connect and lists chats and messages', async () => {
  const token = await mintToken(server, 'sio-user-2');
  const socket = connect('/chats', { auth: { token } });
  const [usage] = await next(socket, 'usage_info', 10_000);
  assert.equal(typeof usage.balance, 'number');

  const sse = connect();
  const { complete } = await askSeed003(sse, { message: 'How do I list my chats?', token });

  socket.emit('list_chats', { page: 0, limit: 20 });
  const [chats] = await next(socket, 'chats_list');
  assert.equal(chats.total, 1);
  assert.equal(chats.chats[0].id, complete.sessionId);

  const listed = await within(socket.emitWithAck('list_messages', { chat_id: complete.sessionId, page: 0, limit: 20 }), 5_000, 'ack');
  assert.deepEqual(listed.messages.map((m) => m.role), ['user', 'assistant']);
  assert.equal(listed.messages[1].content, complete.response);
});

test('seed 001: anonymous visitors see their quota, pushed again after a turn on another wire', async () => {
  const anonId = 'sio-anon-00000001';
  const socket = connect('/chats', { auth: { anonId } });
  const [before] = await next(socket, 'usage_info', 10_000);
  assert.equal(before.used, 0);
  assert.ok(before.limit > 0);
  assert.equal(before.remaining, before.limit);
  assert.ok(before.resets_at);

  const pushed = next(socket, 'usage_info', 15_000);
  const response = await fetch(`${server.url}/api/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anon-id': anonId },
    body: JSON.stringify({ message: 'Hello from REST' }),
  });
  assert.equal(response.status, 200);
  const [after] = await pushed;
  assert.equal(after.used, 1);
  assert.equal(after.remaining, before.limit - 1);
});

test("seed 001: someone else's chat is refused with assistant_error", async () => {
  const owner = connect();
  const { complete } = await askSeed003(owner, { message: 'Private', token: await mintToken(server, 'sio-owner') });
  const intruder = connect('/chats', { auth: { token: await mintToken(server, 'sio-intruder') } });
  await next(intruder, 'usage_info', 10_000);

  intruder.emit('list_messages', { chat_id: complete.sessionId, page: 0, limit: 20 });
  const [error] = await next(intruder, 'assistant_error');
  assert.equal(error.code, 'CONVERSATION_NOT_FOUND');
});

test('without auth, the handshake query token or x-anon-id header says who connects', async () => {
  const token = await mintToken(server, 'sio-query-user');
  const user = connect('/chats', { query: { token } });
  const [account] = await next(user, 'usage_info', 10_000);
  assert.equal(typeof account.balance, 'number');

  // A visitor with one message spent: a new anonymous id would show none.
  const anonId = 'sio-anon-header-01';
  const response = await fetch(`${server.url}/api/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anon-id': anonId },
    body: JSON.stringify({ message: 'Hello from REST' }),
  });
  assert.equal(response.status, 200);
  await response.text();
  const visitor = connect('/chats', { extraHeaders: { 'x-anon-id': anonId } });
  const [quota] = await next(visitor, 'usage_info', 10_000);
  assert.equal(quota.used, 1);
});

test('a bad handshake token reaches connect_error', async () => {
  const socket = connect('/chats', { auth: { token: 'garbage' } });
  const [error] = await next(socket, 'connect_error', 10_000);
  assert.match(error.message, /token/i);
  assert.equal(error.data.code, 'INVALID_TOKEN');
});

test('limits: a quota spent on another wire reaches /chats as assistant_error, and ai:chat is rate limited', async () => {
  const limited = await startServer({ 'Usage:AnonymousDailyMessages': '1', 'RateLimits:AuthenticatedRequests': '2' });
  const sockets = [];
  try {
    const anonId = 'sio-anon-limited-1';
    const chats = io(`${limited.url}/chats`, { reconnection: false, auth: { anonId } });
    sockets.push(chats);
    await next(chats, 'usage_info', 10_000);
    const send = () => fetch(`${limited.url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-anon-id': anonId },
      body: JSON.stringify({ message: 'Hello' }),
    });
    assert.equal((await send()).status, 200);
    const refusal = next(chats, 'assistant_error', 10_000);
    const second = await send();
    assert.equal((await second.json()).code, 'ANON_LIMIT_REACHED');
    const [error] = await refusal;
    assert.equal(error.code, 'ANON_LIMIT_REACHED');

    const token = await mintToken(limited, 'sio-rate-limited');
    const socket = io(limited.url, { reconnection: false });
    sockets.push(socket);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await askSeed003(socket, { message: `Question ${i}`, token }));
    assert.ok(outcomes[0].complete && outcomes[1].complete);
    assert.equal(outcomes[2].error?.code, 'RATE_LIMITED');
  } finally {
    sockets.forEach((s) => s.close());
    await limited.stop();
  }
});

test('a client that vanishes mid-answer has the answer stopped and kept as cancelled with its text so far', async () => {
  // A slow answer, so the disconnect lands in the middle of it.
  const slow = await startServer({ 'Generation:OfflineWordsPerSecond': '10' });
  try {
    const question = 'What endpoints does Chatwire have?';
    const token = await mintToken(slow, 'sio-vanishing');
    const socket = io(slow.url, { reconnection: false });
    socket.emit('ai:chat', { message: question, token });
    const [first] = await next(socket, 'ai:stream', 10_000);
    socket.disconnect();

    const history = async () => (await (await fetch(`${slow.url}/api/v1/chats/${first.sessionId}/messages`, {
      headers: { Authorization: `Bearer ${token}` },
    })).json()).items;
    let messages = await history();
    for (const started = Date.now(); messages[1]?.status === 'streaming' && Date.now() - started < 10_000;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      messages = await history();
    }

    const [asked, answer] = messages;
    assert.equal(asked.content, question);
    assert.equal(answer.status, 'cancelled');
    assert.ok(answer.content.startsWith(first.content), `kept "${answer.content}"`);
    // Stopped, not finished behind the client's back: the same question asked to the end is longer.
    const whole = await (await fetch(`${slow.url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ message: question }),
    })).json();
    assert.ok(answer.content.length < whole.response.length, `kept ${answer.content.length} of ${whole.response.length} characters`);
  } finally {
    await slow.stop();
  }
});
