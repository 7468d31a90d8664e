// Runs a built .NET web app (the server or a test host) on a free loopback port and stops it.
import { spawn } from 'node:child_process';

/** Rejects if `promise` does not settle within `ms`, naming `what` in the error. */
export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts `dotnet <dll> --urls http://127.0.0.1:0 --Key value...` and resolves once its output
 * matches `listening` (a regex whose first group is the URL): { url, output(), stop() }.
 */
export async function startDotnetApp(dll, { name, settings = {}, env = {}, cwd, listening }) {
  const args = [dll, '--urls', 'http://127.0.0.1:0'];
  for (const [key, value] of Object.entries(settings)) args.push(`--${key}`, String(value));

  const child = spawn('dotnet', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise((resolve, reject) => {
    const onData = (data) => {
      output += data;
      const match = listening.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  const url = await within(started, 30_000, `${name} to start`).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output}`);
  });

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await within(exited, 10_000, `${name} to exit`).catch(() => child.kill('SIGKILL'));
      }
    },
  };
}
