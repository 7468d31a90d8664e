// The SSE wires of seeds 000, 001 and 003 against the real server, read by the clients the seeds
// use: the `eventsource` package for the GET stream, fetch + line reading exactly as the seeds'
// JavaScript does for the POST ones, and headless Chromium's own EventSource.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventSource } from 'eventsource';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';

const serverDll = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'Chatwire.Server', 'bin', 'Debug', 'net10.0', 'Chatwire.Server.dll');
let server;
before(async () => { server = await startServer({ 'Sse:TestEventInterval': '00:00:00.02' }); });
after(async () => { await server?.stop(); });

/** A token minted by the server's own `token` command, with the server's signing key (kept in its data folder). */
function mintToken(sub) {
  const result = spawnSync('dotnet', [serverDll, 'token', '--sub', sub], {
    env: { ...process.env, Database__DataDirectory: server.dataDirectory },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/** Seed 001's sendMessage loop (fetch, getReader, split on '\n'), with `event` kept across lines as the seed intends. */
async function readNamedEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events = [];
  let event;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = decoder.decode(value);
    const lines = chunk.split('\n');
    for (const line of lines) {
      if (line.startsWith('event: ')) {
        event = line.slice(7);
      } else if (line.startsWith('data: ')) {
        const data = JSON.parse(line.slice(6));
        events.push({ event, data });
      }
    }
  }
  return events;
}

/** Seed 003's streamChat loop: only `data:` lines, each one JSON. */
async function readDataEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events = [];
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = decoder.decode(value);
    for (const line of chunk.split('\n')) {
      if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
    }
  }
  return events;
}

test('seed 000: the eventsource client reads content chunks until [DONE], and the exchange is in the history', async () => {
  const token = mintToken('sse-node-alice');
  const chunks = [];
  await new Promise((resolve, reject) => {
    const source = new EventSource(`${server.url}/api/v1/chat/stream?message=${encodeURIComponent('What is the warranty?')}&token=${token}`);
    const timer = setTimeout(() => { source.close(); reject(new Error('no [DONE] within 15 s')); }, 15_000);
    source.onmessage = (event) => {
      assert.ok(event.lastEventId, 'every event has an id');
      if (event.data === '[DONE]') {
        clearTimeout(timer);
        source.close();
        resolve();
        return;
      }
      chunks.push(JSON.parse(event.data));
    };
    source.onerror = (error) => { clearTimeout(timer); source.close(); reject(error); };
  });

  assert.ok(chunks.length > 3, 'the answer arrives in several chunks');
  const answer = chunks.map((c) => c.content).join('');
  const chatId = chunks[0].chat_id;
  const messages = await (await fetch(`${server.url}/api/v1/chats/${chatId}/messages`, { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.deepEqual(messages.items.map((m) => [m.role, m.status]), [['user', 'complete'], ['assistant', 'complete']]);
  assert.equal(messages.items[1].content, answer);
});

test('seed 001: send streams assistant_typing, deltas, assistant_complete and usage_info to a fetch reader', async () => {
  const response = await fetch(`${server.url}/api/v1/messages/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-anon-id': 'node-anon-sse-01' },
    body: JSON.stringify({ chat_id: null, model: 'chatwire-offline', content: 'How do I connect?', temperature: 0.7 }),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.equal(response.headers.get('x-accel-buffering'), 'no');

  const events = await readNamedEvents(response);
  const names = events.map((e) => e.event);
  assert.equal(names[0], 'assistant_typing');
  assert.deepEqual(names.slice(-2), ['assistant_complete', 'usage_info']);
  assert.ok(names.slice(1, -2).every((n) => n === 'assistant_delta'));
  const complete = events.at(-2).data;
  assert.equal(complete.content, events.filter((e) => e.event === 'assistant_delta').map((e) => e.data.delta).join(''));
  assert.equal(complete.chat_id, events[0].data.chat_id);
  assert.equal(events.at(-1).data.remaining, 19);
});

test('seed 001: an unknown model arrives as assistant_error with MODEL_NOT_FOUND', async () => {
  const response = await fetch(`${server.url}/api/v1/messages/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-anon-id': 'node-anon-sse-02' },
    body: JSON.stringify({ model: 'no-such-model', content: 'Hello' }),
  });
  const events = await readNamedEvents(response);
  assert.deepEqual(events.map((e) => [e.event, e.data.code]), [['assistant_error', 'MODEL_NOT_FOUND']]);
});

test('seed 003: the fetch reader gets content chunks with the sessionId, then done:true', async () => {
  const response = await fetch(`${server.url}/api/v2/ai/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: 'What services do you offer?' }),
  });
  const events = await readDataEvents(response);
  const last = events.at(-1);
  assert.equal(last.done, true);
  assert.ok(last.sessionId);
  const chunks = events.slice(0, -1);
  assert.ok(chunks.length > 3);
  assert.ok(chunks.every((c) => c.content !== undefined && c.sessionId === last.sessionId));

  const again = await fetch(`${server.url}/api/v2/ai/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-anon-id': response.headers.get('x-anon-id') },
    body: JSON.stringify({ message: 'And the prices?', sessionId: last.sessionId }),
  });
  assert.equal((await readDataEvents(again)).at(-1).sessionId, last.sessionId);
});

test('seed 003: an empty message arrives as data: {"error"}', async () => {
  const response = await fetch(`${server.url}/api/v2/ai/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: '   ' }),
  });
  const events = await readDataEvents(response);
  assert.equal(events.length, 1);
  assert.equal(events[0].code, 'EMPTY_MESSAGE');
  assert.ok(events[0].error);
});

test('Chromium: EventSource receives test-sse events, and a finished chat stream is not asked again on reconnect', async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/health`);
    const received = await page.evaluate(() => new Promise((resolve, reject) => {
      const eventSource = new EventSource('/api/v1/messages/test-sse');
      const got = [];
      eventSource.addEventListener('test_message', (event) => got.push(JSON.parse(event.data)));
      eventSource.addEventListener('test_complete', (event) => {
        got.push(JSON.parse(event.data));
        eventSource.close();
        resolve(got);
      });
      eventSource.onerror = () => { eventSource.close(); reject(new Error('EventSource error')); };
      setTimeout(() => reject(new Error('timeout')), 10_000);
    }));
    assert.deepEqual(received.slice(0, 5).map((d) => d.counter), [1, 2, 3, 4, 5]);
    assert.ok(received[5].message);

    // A page that forgets to close on [DONE]: the browser reconnects with Last-Event-ID, gets 204 and stops.
    const outcome = await page.evaluate(() => new Promise((resolve) => {
      const eventSource = new EventSource('/api/v1/chat/stream?message=Hello');
      let done = 0;
      eventSource.onmessage = (event) => { if (event.data === '[DONE]') done++; };
      eventSource.onerror = () => {
        if (eventSource.readyState === EventSource.CLOSED) resolve({ done, state: eventSource.readyState });
      };
      setTimeout(() => resolve({ done, state: eventSource.readyState }), 10_000);
    }));
    assert.deepEqual(outcome, { done: 1, state: 2 });
  } finally {
    await browser.close();
  }
});
