// Seed 002's WebSocket clients against the real server at /ws/chat: the JavaScript ChatWebSocket
// class exactly as the seed prints it, and the logic of its Python example, both over `ws`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, waitFor } from '../support/server.mjs';

// The seed's class uses the browser's global WebSocket; `ws` has the same API (Node 20 has no global one).
globalThis.WebSocket = WebSocket;

// ---- Seed 002 "JavaScript Client Example", unchanged ----
class ChatWebSocket {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.ws = null;
    this.onMessage = null;
    this.onProgress = null;
    this.onComplete = null;
    this.onError = null;
  }

  connect() {
    this.ws = new WebSocket(this.url);

    this.ws.onopen = () => {
      console.log('Connected');

      // Authenticate
      if (this.token) {
        this.ws.send(JSON.stringify({
          type: 'auth',
          token: this.token
        }));
      }
    };

    this.ws.onmessage = (event) => {
      const data = JSON.parse(event.data);

      switch (data.type) {
        case 'auth_success':
          console.log('Authenticated:', data.user);
          break;

        case 'auth_error':
          if (this.onError) this.onError(data.message);
          break;

        case 'progress':
          if (this.onProgress) this.onProgress(data.step, data.message);
          break;

        case 'token':
          if (this.onMessage) this.onMessage(data.token, data.partial_response);
          break;

        case 'complete':
          if (this.onComplete) this.onComplete(data.response, data.metadata);
          break;

        case 'error':
          if (this.onError) this.onError(data.error, data.code);
          break;
      }
    };

    this.ws.onerror = (error) => {
      if (this.onError) this.onError('WebSocket error', 'CONNECTION_ERROR');
    };

    this.ws.onclose = () => {
      console.log('Disconnected');
    };
  }

  sendMessage(message, sessionId = null) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      throw new Error('WebSocket not connected');
    }

    this.ws.send(JSON.stringify({
      type: 'message',
      message: message,
      session_id: sessionId
    }));
  }

  disconnect() {
    if (this.ws) {
      this.ws.close();
    }
  }
}
// ---- end of the seed's class ----

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function devToken(sub) {
  const response = await fetch(`${server.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, email: `${sub}@example.com`, name: sub }),
  });
  assert.equal(response.status, 200);
  return (await response.json()).token;
}

/** Wires the seed's callbacks to arrays, and records every frame beside them (without touching the class). */
function observe(chat) {
  const seen = { progress: [], tokens: [], completes: [], errors: [], frames: [] };
  chat.onProgress = (step, message) => seen.progress.push({ step, message });
  chat.onMessage = (token, partial) => seen.tokens.push({ token, partial });
  chat.onComplete = (response, metadata) => seen.completes.push({ response, metadata });
  chat.onError = (error, code) => seen.errors.push({ error, code });
  chat.connect();
  chat.ws.addEventListener('message', (event) => seen.frames.push(JSON.parse(event.data)));
  return seen;
}

test('the seed ChatWebSocket class authenticates, streams and completes with the spec answer', async () => {
  const chat = new ChatWebSocket(`${server.wsUrl}/ws/chat`, await devToken('js-client'));
  const seen = observe(chat);
  await waitFor(() => seen.frames.some((f) => f.type === 'auth_success'), 10_000, 'auth_success');
  const auth = seen.frames.find((f) => f.type === 'auth_success');
  assert.deepEqual(auth.user, { id: 'js-client', email: 'js-client@example.com', name: 'js-client' });

  chat.sendMessage('What is the engine power?');
  await waitFor(() => seen.completes.length === 1 || seen.errors.length > 0, 15_000, 'complete');

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.progress.map((p) => p.step), ['starting', 'agent_routing', 'rag_retrieval', 'generating']);
  assert.ok(seen.progress.every((p) => p.message.length > 0));
  assert.ok(seen.tokens.length > 3, 'several token frames');
  let accumulated = '';
  for (const { token, partial } of seen.tokens) {
    accumulated += token;
    assert.equal(partial, accumulated, 'partial_response is always the concatenated tokens');
  }
  const [{ response, metadata }] = seen.completes;
  assert.equal(response, accumulated);
  assert.equal(metadata.agent, 'specs');
  assert.ok(metadata.confidence >= 0 && metadata.confidence <= 1);
  assert.ok(metadata.context.sources.includes('spec-sheet.md'));
  assert.ok(seen.frames.find((f) => f.type === 'complete').session_id);
  chat.disconnect();
});

test('the seed ChatWebSocket class without a token is told AUTH_REQUIRED', async () => {
  const chat = new ChatWebSocket(`${server.wsUrl}/ws/chat`, null);
  const seen = observe(chat);
  await new Promise((resolve) => chat.ws.addEventListener('open', resolve));

  chat.sendMessage('What is the engine power?');
  await waitFor(() => seen.errors.length === 1, 10_000, 'error');

  assert.equal(seen.errors[0].code, 'AUTH_REQUIRED');
  assert.equal(seen.tokens.length, 0);
  chat.disconnect();
});

test('the seed ChatWebSocket class reports an invalid token through onError and may retry', async () => {
  const chat = new ChatWebSocket(`${server.wsUrl}/ws/chat`, 'not-a-valid-jwt');
  const seen = observe(chat);
  await waitFor(() => seen.errors.length === 1, 10_000, 'auth_error');
  assert.equal(seen.frames[0].type, 'auth_error');

  chat.ws.send(JSON.stringify({ type: 'auth', token: await devToken('retry-user') }));
  await waitFor(() => seen.frames.some((f) => f.type === 'auth_success'), 10_000, 'auth_success after retry');
  chat.disconnect();
});

// The seed's Python example (websockets + asyncio), its logic step by step over `ws`.
test('the seed Python example flow: auth, wait for auth_success, message with session_id, tokens until complete', async () => {
  const token = await devToken('python-client');
  const websocket = new WebSocket(`${server.wsUrl}/ws/chat`);
  const inbox = [];
  const waiters = [];
  websocket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    const waiter = waiters.shift();
    if (waiter) waiter(frame); else inbox.push(frame);
  });
  const recv = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('recv timed out')), 15_000);
    waiters.push((frame) => { clearTimeout(timer); resolve(frame); });
  }));
  await new Promise((resolve, reject) => { websocket.once('open', resolve); websocket.once('error', reject); });

  // Authenticate
  websocket.send(JSON.stringify({ type: 'auth', token }));
  // Wait for auth response
  const authData = await recv();
  assert.equal(authData.type, 'auth_success', 'Authentication failed');

  // Send message
  websocket.send(JSON.stringify({ type: 'message', message: 'What is the engine power?', session_id: 'python-session-1' }));

  // Receive responses
  let accumulated = '';
  const printed = [];
  let complete = null;
  for (;;) {
    const data = await recv();
    if (data.type === 'progress') {
      printed.push(`[${data.step}] ${data.message}`);
    } else if (data.type === 'token') {
      accumulated += data.token;
      assert.equal(data.partial_response, accumulated);
    } else if (data.type === 'complete') {
      complete = data;
      break;
    } else if (data.type === 'error') {
      assert.fail(`Error: ${data.error}`);
    }
  }

  assert.equal(printed.length, 4);
  assert.equal(complete.response, accumulated);
  assert.equal(complete.metadata.agent, 'specs');
  assert.equal(complete.session_id, 'python-session-1');
  websocket.close();
});
