import { describe, expect, it } from 'vitest';
import { candidateDevices, inferenceOptionsSchema, providerHint } from './device.js';

describe('device choice', () => {
  it('auto tries the platform accelerator first and always ends on the CPU', () => {
    expect(candidateDevices('auto', 'linux')).toEqual(['cuda', 'cpu']);
    expect(candidateDevices('auto', 'darwin')).toEqual(['coreml', 'cpu']);
    expect(candidateDevices('auto', 'freebsd')).toEqual(['cpu']);
    expect(candidateDevices('cuda', 'darwin')).toEqual(['cuda']);
  });

  it('hints say how to get the provider', () => {
    expect(providerHint('cuda', 'linux')).toContain(
      'ONNXRUNTIME_NODE_INSTALL=cuda12 pnpm rebuild onnxruntime-node',
    );
    expect(providerHint('cuda', 'darwin')).toContain('only for Linux and Windows');
    expect(providerHint('coreml', 'linux')).toContain('macOS');
  });

  it('parses --inference.* options with defaults and rejects unknown devices', () => {
    expect(inferenceOptionsSchema.parse({})).toEqual({ device: 'auto', batch_size: 16 });
    expect(inferenceOptionsSchema.safeParse({ device: 'tpu' }).success).toBe(false);
  });
});
