// Seed 002's /ws/chat on `ws` 8, written the way the ws README does it: an http server, a
// WebSocketServer on a path, the ping/pong heartbeat, JSON frames. Usage:
//   node --expose-gc ws-peer.mjs --port 5001 --text-file answer.txt --wps 20   (BENCH_JWT_KEY in the environment)
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { options, statsRoute, streamWords, verifyJwt } from './common.mjs';

const { port, wordsPerSecond, words, jwtKey } = options();
const steps = ['starting', 'agent_routing', 'rag_retrieval', 'generating'];

const server = createServer((req, res) => {
  if (!statsRoute(req, res)) {
    res.statusCode = 404;
    res.end();
  }
});
const wss = new WebSocketServer({ server, path: '/ws/chat' });

wss.on('connection', (ws, req) => {
  ws.isAlive = true;
  ws.on('pong', () => {
    ws.isAlive = true;
  });
  ws.on('error', () => {});

  const token = new URL(req.url, 'http://localhost').searchParams.get('token');
  let user = null;
  if (token) {
    user = verifyJwt(token, jwtKey);
    if (!user) {
      ws.send(JSON.stringify({ type: 'auth_error', message: 'Invalid token' }));
      ws.close(1008, 'Invalid token');
      return;
    }
    ws.send(JSON.stringify({ type: 'auth_success', message: 'Authentication successful', user: { id: user.sub } }));
  }

  ws.on('message', async (data) => {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      ws.send(JSON.stringify({ type: 'error', error: 'Invalid JSON', code: 'INVALID_FORMAT' }));
      return;
    }
    if (message.type !== 'message') return;
    if (!user) {
      ws.send(JSON.stringify({ type: 'error', error: 'Authentication required', code: 'AUTH_REQUIRED' }));
      return;
    }
    for (const step of steps) ws.send(JSON.stringify({ type: 'progress', step, message: step }));
    let partial = '';
    for await (const word of streamWords(words, wordsPerSecond)) {
      if (ws.readyState !== ws.OPEN) return;
      partial += word;
      ws.send(JSON.stringify({ type: 'token', token: word, partial_response: partial }));
    }
    ws.send(JSON.stringify({ type: 'complete', response: partial, session_id: message.session_id ?? 'peer', metadata: { agent: 'peer', confidence: 1, context: { sources: [] } } }));
  });
});

// The heartbeat from the ws README: ping every 30 s, drop clients that missed the last one.
const heartbeat = setInterval(() => {
  for (const ws of wss.clients) {
    if (!ws.isAlive) {
      ws.terminate();
      continue;
    }
    ws.isAlive = false;
    ws.ping();
  }
}, 30_000);
wss.on('close', () => clearInterval(heartbeat));

server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
