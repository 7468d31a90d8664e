// Starts the real Chatwire server (the built Chatwire.Server.dll) on a free loopback port with
// its own temporary data folder, for tests that talk to it with real third-party clients.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const serverDll = join(repo, 'src', 'Chatwire.Server', 'bin', 'Debug', 'net10.0', 'Chatwire.Server.dll');

/**
 * Starts a server. `settings` are configuration keys (`{ 'Generation:OfflineWordsPerSecond': '40' }`).
 * Resolves to { url, wsUrl, dataDirectory, stop() }.
 */
export async function startServer(settings = {}, { dataDirectory } = {}) {
  if (!existsSync(serverDll)) {
    throw new Error(`${serverDll} is missing: run 'dotnet build' first`);
  }
  const ownsData = !dataDirectory;
  dataDirectory ??= mkdtempSync(join(tmpdir(), 'chatwire-node-'));
  const config = {
    'Database:DataDirectory': dataDirectory,
    'Generation:OfflineWordsPerSecond': '0',
    ...settings,
  };
  const args = [serverDll, '--urls', 'http://127.0.0.1:0'];
  for (const [key, value] of Object.entries(config)) args.push(`--${key}`, String(value));

  const child = spawn('dotnet', args, {
    cwd: repo,
    env: {
      ...process.env,
      DOTNET_ENVIRONMENT: 'Development',
      Logging__LogLevel__Default: 'Warning',
      'Logging__LogLevel__Microsoft.Hosting.Lifetime': 'Information',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const onData = (data) => {
      output += data;
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    wsUrl: url.replace('http://', 'ws://'),
    dataDirectory,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownsData) rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Resolves when `predicate` returns true for a value pushed to `list`, or rejects after `ms`. */
export function waitFor(check, ms = 10_000, what = 'condition') {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}
