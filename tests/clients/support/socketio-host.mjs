// Starts the Socket.IO library's test host (tests/Chatwire.SocketIo.TestHost, already built by
// `dotnet build`) on a free loopback port, for tests that use the real socket.io-client against it.
import { startDotnetApp, within } from './dotnet-process.mjs';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const hostBin = join(repo, 'tests', 'Chatwire.SocketIo.TestHost', 'bin');

/** The built host dll, from whichever configuration (Debug, Release) was built most recently. */
function findHostDll() {
  const candidates = existsSync(hostBin)
    ? readdirSync(hostBin).map((config) => join(hostBin, config, 'net10.0', 'Chatwire.SocketIo.TestHost.dll')).filter(existsSync)
    : [];
  if (candidates.length === 0) {
    throw new Error(`no Chatwire.SocketIo.TestHost.dll under ${hostBin}: run 'dotnet build' first`);
  }
  return candidates[0];
}

/**
 * Starts the host. `settings` are configuration keys (`{ 'SocketIo:PingInterval': '00:00:01' }`).
 * Resolves to { url, stop() }.
 */
export async function startSocketIoHost(settings = {}) {
  return startDotnetApp(findHostDll(), { name: 'the Socket.IO test host', settings, cwd: repo, listening: /Listening on (http:\/\/127\.0\.0\.1:\d+)/ });
}

export { within };

/** The arguments of the next `event` on `emitter` (a socket.io-client Socket, Manager or engine), bounded by `ms`. */
export function next(emitter, event, ms = 5_000) {
  return within(new Promise((resolve) => emitter.once(event, (...args) => resolve(args))), ms, `'${event}'`);
}
