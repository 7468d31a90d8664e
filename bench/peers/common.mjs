// What both Node peers share: command line, the answer text and its pace, the JWT check, and the
// /health and /stats routes the bench reads (heap after a full GC when node runs with --expose-gc).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export function options(argv = process.argv.slice(2)) {
  const named = {};
  for (let i = 0; i + 1 < argv.length; i += 2) named[argv[i].replace(/^--/, '')] = argv[i + 1];
  const text = named['text-file'] ? readFileSync(named['text-file'], 'utf8').trim() : 'The peer streams this sentence one word at a time.';
  return {
    port: Number(named.port ?? 0),
    wordsPerSecond: Number(named.wps ?? 0),
    words: text.split(' ').filter(Boolean).map((word, i) => (i === 0 ? word : ` ${word}`)),
    jwtKey: process.env.BENCH_JWT_KEY ?? '',
  };
}

// The answer as a model would stream it: one word at a time, at the given pace (0 = no wait).
export async function* streamWords(words, wordsPerSecond) {
  const pause = wordsPerSecond > 0 ? 1000 / wordsPerSecond : 0;
  for (const word of words) {
    if (pause > 0) await sleep(pause);
    yield word;
  }
}

// HS256 with issuer/audience "chatwire", as Chatwire's TokenService checks it.
export function verifyJwt(token, key) {
  const [header, payload, signature] = String(token ?? '').split('.');
  if (!signature || !key) return null;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (claims.iss !== 'chatwire' || claims.aud !== 'chatwire' || !(claims.exp * 1000 > Date.now())) return null;
  return claims;
}

export function statsRoute(req, res) {
  if (req.url === '/health') {
    res.end('ok');
    return true;
  }
  if (req.url === '/stats') {
    globalThis.gc?.();
    const memory = process.memoryUsage();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ heapBytes: memory.heapUsed, rssBytes: memory.rss }));
    return true;
  }
  return false;
}
