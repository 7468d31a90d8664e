// Seed 004's ChatbotWebSocket, driven with the `ws` package against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, waitFor } from '../support/server.mjs';

let server;
// Generous limits: every anonymous test shares 127.0.0.1, which anonymous rate limits also key on.
before(async () => { server = await startServer({ 'RateLimits:AnonymousRequests': '500' }); });
after(async () => { await server?.stop(); });

// The seed's client class, written against `ws` (same API as the browser WebSocket).
class ChatbotWebSocket {
  constructor(baseUrl, brandId) {
    this.url = `${baseUrl}/ws/chat/${brandId}`;
    this.conversationId = null;
    this.currentMessage = '';
    this.frames = [];
    this.welcome = null;
    this.completes = [];
    this.errors = [];
    this.pongs = [];
    this.closed = null;
  }

  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onmessage = (event) => this.handleMessage(JSON.parse(event.data));
    this.socket.onclose = (event) => { this.closed = { code: event.code, reason: event.reason }; };
    return new Promise((resolve, reject) => {
      this.socket.onopen = resolve;
      this.socket.onerror = reject;
    });
  }

  handleMessage(message) {
    this.frames.push(message);
    switch (message.type) {
      case 'welcome': this.welcome = message.data; break;
      case 'chunk':
        this.currentMessage += message.data.content;
        this.conversationId = message.data.conversation_id;
        break;
      case 'complete':
        this.conversationId = message.data.conversation_id;
        this.completes.push({ text: this.currentMessage, ...message.data });
        break;
      case 'error': this.errors.push(message.data); break;
      case 'pong': this.pongs.push(message.data); break;
      default: throw new Error(`Unknown message type: ${message.type}`);
    }
  }

  sendMessage(text, isVoice = false) {
    this.socket.send(JSON.stringify({ type: 'chat', data: { message: text, conversation_id: this.conversationId, voice: isVoice } }));
    this.currentMessage = '';
  }

  async ask(text, isVoice = false) {
    const before = this.completes.length;
    const errorsBefore = this.errors.length;
    this.sendMessage(text, isVoice);
    await waitFor(() => this.completes.length > before || this.errors.length > errorsBefore, 15_000, `answer to "${text}"`);
    assert.equal(this.errors.length, errorsBefore, `unexpected error: ${JSON.stringify(this.errors.at(-1))}`);
    return this.completes.at(-1);
  }

  sendPing() { this.socket.send(JSON.stringify({ type: 'ping', data: {} })); }

  close() { this.socket.close(); }
}

async function connected(brandId = 'techpro') {
  const client = new ChatbotWebSocket(server.wsUrl, brandId);
  await client.connect();
  await waitFor(() => client.welcome || client.errors.length, 5_000, 'welcome');
  return client;
}

async function expectError(client, frame) {
  const before = client.errors.length;
  client.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  await waitFor(() => client.errors.length > before, 5_000, 'error frame');
  return client.errors.at(-1);
}

test('welcome names the brand and greets in its default language', async () => {
  const client = await connected();
  assert.equal(client.welcome.brand_id, 'techpro');
  assert.equal(client.welcome.brand_name, 'TechPro Solutions');
  assert.ok(client.welcome.message.length > 10);
  client.close();
});

test('chunks accumulate to the answer and complete carries products with every seed field', async () => {
  const client = await connected();
  const complete = await client.ask('I need a laptop for business work');

  const chunks = client.frames.filter((f) => f.type === 'chunk');
  assert.ok(chunks.length > 3, 'the answer streams in several chunks');
  for (const chunk of chunks) {
    assert.equal(chunk.data.is_final, false);
    assert.equal(chunk.data.suggested_products, null);
    assert.equal(chunk.data.confidence_score, null);
    assert.equal(chunk.data.conversation_id, complete.conversation_id);
  }
  assert.equal(complete.is_final, true);
  assert.equal(complete.content, '');
  assert.equal(complete.text, chunks.map((c) => c.data.content).join(''));
  assert.ok(complete.suggested_products.length > 0, 'a laptop question suggests products');
  for (const product of complete.suggested_products) {
    for (const field of ['id', 'name', 'description', 'category', 'price', 'features', 'specifications', 'availability']) {
      assert.ok(field in product, `product has ${field}`);
    }
    assert.equal(typeof product.price, 'number');
    assert.ok(Array.isArray(product.features));
    assert.equal(typeof product.specifications, 'object');
  }
  assert.ok(complete.confidence_score > 0 && complete.confidence_score <= 1);
  assert.ok(complete.text.includes(complete.suggested_products[0].name), 'the answer talks about the first suggestion');
  client.close();
});

test('a question that is not about products suggests none, with a null confidence', async () => {
  const client = await connected();
  const complete = await client.ask('What are your store opening hours?');
  assert.deepEqual(complete.suggested_products, []);
  assert.equal(complete.confidence_score, null);
  client.close();
});

test('budget questions only suggest products within budget', async () => {
  const client = await connected();
  for (const question of ['I need a laptop under 15 juta', 'any phone below 10 million?']) {
    const complete = await client.ask(question);
    const limit = question.includes('15 juta') ? 15_000_000 : 10_000_000;
    assert.ok(complete.suggested_products.length > 0, `suggestions for "${question}"`);
    for (const product of complete.suggested_products) {
      assert.ok(product.price <= limit, `${product.name} at ${product.price} is within ${limit}`);
    }
  }
  client.close();
});

test('conversation_id continues the same conversation', async () => {
  const client = await connected();
  const first = await client.ask('Do you have gaming laptops?');
  const second = await client.ask('What about the warranty?');
  assert.equal(second.conversation_id, first.conversation_id);
  client.close();
});

test('voice answers are one sentence without markdown or lists', async () => {
  const client = await connected();
  const complete = await client.ask('What is your cheapest laptop?', true);
  const text = complete.text.trim();
  assert.ok(text.length > 0);
  assert.doesNotMatch(text, /[*#`\n]|^\s*[-•]/m, 'no markdown, lists or line breaks');
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z0-9])/).filter((s) => s.trim().length > 0);
  assert.equal(sentences.length, 1, `one sentence: ${text}`);
  client.close();
});

test('an Indonesian question is answered in Indonesian', async () => {
  const client = await connected();
  const complete = await client.ask('Berapa lama garansi untuk laptop?');
  // Judge the prose, not the product list: catalogue descriptions are written in English.
  const prose = complete.text.split('\n').filter((line) => !line.trim().startsWith('-')).join(' ');
  const words = prose.toLowerCase().split(/[^a-z]+/);
  const indonesian = words.filter((w) => ['dan', 'yang', 'untuk', 'dengan', 'garansi', 'kami', 'ini', 'tahun', 'dari', 'adalah', 'anda', 'di', 'pada', 'atau', 'sumber'].includes(w)).length;
  const english = words.filter((w) => ['the', 'and', 'with', 'for', 'our', 'this', 'year', 'from', 'is', 'you', 'source'].includes(w)).length;
  assert.ok(indonesian > 2 * english, `answer in Indonesian: ${complete.text}`);
  assert.match(complete.text, /garansi/i, 'a warranty question is answered about the warranty');
  client.close();
});

test('ping is answered with pong and an ISO 8601 timestamp', async () => {
  const client = await connected();
  client.sendPing();
  await waitFor(() => client.pongs.length === 1, 5_000, 'pong');
  assert.ok(!Number.isNaN(Date.parse(client.pongs[0].timestamp)));
  assert.match(client.pongs[0].timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  client.close();
});

test('bad frames get an error and the connection stays open', async () => {
  const client = await connected();
  const cases = [
    ['{"type": "chat", "data": {"message": ', /JSON/i],
    [{ type: 'chat', data: {} }, /message/],
    [{ type: 'chat', data: { message: 42 } }, /message/],
    [{ type: 'chat', data: { message: 'x'.repeat(1001) } }, /too long/i],
    [{ type: 'chat', data: { message: 'hello', voice: 'yes' } }, /voice/],
    [{ type: 'dance', data: {} }, /Unknown message type/],
    [{ type: 'chat', data: { message: '   ' } }, /empty/i],
  ];
  for (const [frame, pattern] of cases) {
    const error = await expectError(client, frame);
    assert.match(error.message, pattern);
    assert.equal(typeof error.code, 'string');
  }
  client.sendPing();
  await waitFor(() => client.pongs.length === 1, 5_000, 'pong after errors');
  assert.equal(client.closed, null);
  client.close();
});

test('an unknown brand gets an error and a clean close', async () => {
  const client = new ChatbotWebSocket(server.wsUrl, 'no-such-brand');
  await client.connect();
  await waitFor(() => client.closed, 5_000, 'close');
  assert.equal(client.errors[0].message, "Brand 'no-such-brand' not found or inactive");
  assert.equal(client.closed.code, 1008);
});

test('brands/active lists the brands and / reports the server running', async () => {
  const brands = await (await fetch(`${server.url}/brands/active`)).json();
  assert.ok(brands.some((b) => b.id === 'techpro' && b.name === 'TechPro Solutions'));
  const status = await (await fetch(`${server.url}/`)).json();
  assert.equal(status.status, 'running');
});
