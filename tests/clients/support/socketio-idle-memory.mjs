// Measures the server memory one idle WebSocket session costs: opens N sessions against the test host
// with the raw `ws` client and compares the host's /stats (GC heap after a full collection, working set)
// before and after. Usage (after `dotnet build`): node support/socketio-idle-memory.mjs [count] [engine|socketio|baseline]
//   baseline: a bare ASP.NET Core WebSocket (the framework's share, without the library)
//   engine:   Engine.IO session only (handshake, no namespace)
//   socketio: Engine.IO session plus a connection to the "/" namespace (CONNECT "40")
import WebSocket from 'ws';
import { startSocketIoHost, within } from './socketio-host.mjs';

const count = Number(process.argv[2] ?? 2000);
const mode = process.argv[3] ?? 'engine';

// Long heartbeat and connect timeout so no session closes or pings while idle during the measurement.
const host = await startSocketIoHost({ 'SocketIo:PingInterval': '00:10:00', 'SocketIo:ConnectTimeout': '00:10:00' });
const wsBase = host.url.replace('http://', 'ws://');
const wsUrl = mode === 'baseline' ? `${wsBase}/baseline-ws` : `${wsBase}/socket.io/?EIO=4&transport=websocket`;
const stats = async () => (await fetch(`${host.url}/stats`)).json();

function open() {
  return within(
    new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl);
      socket.once('error', reject);
      socket.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('0') && mode === 'socketio') socket.send('40');
        else if (text.startsWith('0') || text.startsWith('40')) resolve(socket);
      });
    }),
    10_000,
    'a session to open',
  );
}

async function openMany(n) {
  const sockets = [];
  for (let i = 0; i < n; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, open))));
  }
  return sockets;
}

try {
  // Warm up first so JIT, pools and Kestrel's first allocations are not counted.
  for (const socket of await openMany(200)) socket.close();
  await new Promise((r) => setTimeout(r, 1_000));

  const before = await stats();
  const sockets = await openMany(count);
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await stats();

  const perSession = (key) => Math.round((after[key] - before[key]) / count);
  console.log(JSON.stringify({ mode, count, before, after, heapBytesPerSession: perSession('heapBytes'), workingSetBytesPerSession: perSession('workingSetBytes') }, null, 2));
  for (const socket of sockets) socket.close();
} finally {
  await host.stop();
}
