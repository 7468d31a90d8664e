// Starts the Socket.IO library's test host (tests/Chatwire.SocketIo.TestHost, already built by
// `dotnet build`) on a free loopback port, for tests that use the real socket.io-client against it.
import { spawn } from 'node:child_process';
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
  const args = [findHostDll(), '--urls', 'http://127.0.0.1:0'];
  for (const [key, value] of Object.entries(settings)) args.push(`--${key}`, String(value));

  const child = spawn('dotnet', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (data) => {
      output += data;
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test host exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await within(exited, 10_000, 'the test host to exit').catch(() => child.kill('SIGKILL'));
      }
    },
  };
}

/** Rejects if `promise` does not settle within `ms`, naming `what` in the error. */
export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The arguments of the next `event` on `emitter` (a socket.io-client Socket, Manager or engine), bounded by `ms`. */
export function next(emitter, event, ms = 5_000) {
  return within(new Promise((resolve) => emitter.once(event, (...args) => resolve(args))), ms, `'${event}'`);
}
