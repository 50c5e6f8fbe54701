import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GeneratorClient } from '@taonode/sn30';
import { describe, expect, it } from 'vitest';

const mainTs = fileURLToPath(new URL('../../main.ts', import.meta.url));

describe('taonode sn30 generator', () => {
  it('serves the tiny model from the command line and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@taonode/source',
        '--import',
        'tsx',
        mainTs,
        'sn30',
        'generator',
        '--model',
        'tiny',
        '--device',
        'cpu',
        '--port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listen line: ${stderr}`)), 150_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const client = new GeneratorClient(url);
      expect((await client.info()).model).toBe('tiny-sdxl-plain');
      const r = await client.generate({
        prompt: 'a cat',
        width: 64,
        height: 64,
        num_inference_steps: 4,
        seed: 1,
      });
      expect(r.frames.steps).toBe(4);
      await expect(client.generate({ prompt: 'a cat', seed: 1, num_inference_steps: 101 })).rejects.toThrow(
        /num_inference_steps/,
      );
      expect(await client.info()).toBeTruthy();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(stdout).toContain('"msg":"generated"');
  }, 180_000);
});
