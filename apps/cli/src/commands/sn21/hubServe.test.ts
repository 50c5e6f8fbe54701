import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';
import { hubListenAddress } from './hubServe.js';

const mainTs = fileURLToPath(new URL('../../main.ts', import.meta.url));

describe('taonode sn21 hub serve', () => {
  it('listens where TAONODE_SN21_HUB_URL points, else 127.0.0.1:8800', () => {
    expect(hubListenAddress(undefined)).toEqual({ host: '127.0.0.1', port: 8800 });
    expect(hubListenAddress('http://127.0.0.1:9001')).toEqual({ host: '127.0.0.1', port: 9001 });
    expect(() => hubListenAddress('https://huggingface.co')).toThrow(/http:\/\//);
    expect(() => hubListenAddress('not a url')).toThrow(/not a URL/);
  });

  it('prints its URL, answers as the hub does, stops on SIGTERM with exit 0', async () => {
    const url = `http://127.0.0.1:${await freePort('127.0.0.1')}`;
    const child = spawn(
      process.execPath,
      ['--conditions=@taonode/source', '--import', 'tsx', mainTs, 'sn21', 'hub', 'serve'],
      { env: { ...process.env, TAONODE_SN21_HUB_URL: url }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toBe(url);
      expect((await fetch(`${url}/api/models/nobody/nothing`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);

  it('refuses a TAONODE_SN21_HUB_URL it cannot listen on with exit 2 and one line', async () => {
    const r = await runCli(['sn21', 'hub', 'serve'], { env: { TAONODE_SN21_HUB_URL: 'ws://127.0.0.1:1' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  }, 60_000);
});
