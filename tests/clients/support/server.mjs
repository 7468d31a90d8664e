// Starts the real Chatwire server (the built Chatwire.Server.dll) on a free loopback port with
// its own temporary data folder, for tests that talk to it with real third-party clients.
import { startDotnetApp } from './dotnet-process.mjs';
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
  const app = await startDotnetApp(serverDll, {
    name: 'the Chatwire server',
    settings: config,
    cwd: repo,
    env: {
      DOTNET_ENVIRONMENT: 'Development',
      Logging__LogLevel__Default: 'Warning',
      'Logging__LogLevel__Microsoft.Hosting.Lifetime': 'Information',
    },
    listening: /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/,
  });

  return {
    url: app.url,
    wsUrl: app.url.replace('http://', 'ws://'),
    dataDirectory,
    output: app.output,
    async stop() {
      await app.stop();
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

/** A JWT for `sub`, minted by the server's own `token` command with the key in its data folder. */
export async function mintToken(server, sub, { email = `${sub}@example.com`, name = sub } = {}) {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile('dotnet', [serverDll, 'token', '--sub', sub, '--email', email, '--name', name], {
      cwd: repo,
      env: { ...process.env, Database__DataDirectory: server.dataDirectory },
    }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim())));
  });
}
