// Seed 003's Socket.IO chat on socket.io 4.8, as its README shows it: `ai:chat` in, `ai:stream`
// chunks, then `ai:complete` (or `ai:error`), on the default namespace with default options. Usage:
//   node --expose-gc socketio-peer.mjs --port 5002 --text-file answer.txt --wps 20   (BENCH_JWT_KEY in the environment)
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { options, statsRoute, streamWords, verifyJwt } from './common.mjs';

const { port, wordsPerSecond, words, jwtKey } = options();

const server = createServer((req, res) => {
  if (!statsRoute(req, res)) {
    res.statusCode = 404;
    res.end();
  }
});
const io = new Server(server, { cors: { origin: '*' } });

// A token in the handshake authenticates the socket; a bad one is refused.
io.use((socket, next) => {
  const token = socket.handshake.auth?.token;
  if (!token) return next();
  const user = verifyJwt(token, jwtKey);
  if (!user) return next(new Error('unauthorized'));
  socket.data.user = user;
  next();
});

io.on('connection', (socket) => {
  socket.on('ai:chat', async (data) => {
    const user = data?.token ? verifyJwt(data.token, jwtKey) : socket.data.user;
    if (data?.token && !user) {
      socket.emit('ai:error', { error: 'Invalid token' });
      return;
    }
    if (!data?.message) {
      socket.emit('ai:error', { error: 'Message is required' });
      return;
    }
    const sessionId = data.sessionId ?? randomUUID();
    let response = '';
    for await (const word of streamWords(words, wordsPerSecond)) {
      if (!socket.connected) return;
      response += word;
      socket.emit('ai:stream', { content: word, sessionId });
    }
    socket.emit('ai:complete', { response, sessionId });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
