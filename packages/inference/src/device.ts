import { z } from 'zod';

/** What `--inference.device` accepts. `auto` picks the fastest provider that loads here. */
export const deviceSchema = z.enum(['auto', 'cuda', 'coreml', 'cpu']);
export type Device = z.infer<typeof deviceSchema>;

/** The provider a session really runs on, after `auto` was resolved. */
export type ResolvedDevice = Exclude<Device, 'auto'>;

/**
 * Providers to try, best first, for a requested device on a platform. `auto` always ends in `cpu`
 * so it can never fail for lack of an accelerator; an explicit request never silently falls back.
 */
export function candidateDevices(
  device: Device,
  platform: NodeJS.Platform = process.platform,
): ResolvedDevice[] {
  if (device !== 'auto') return [device];
  if (platform === 'linux' || platform === 'win32') return ['cuda', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cpu'];
}

/** How to obtain a provider that failed to load; shown as the error's hint. */
export function providerHint(device: ResolvedDevice, platform: NodeJS.Platform = process.platform): string {
  switch (device) {
    case 'cuda':
      if (platform !== 'linux' && platform !== 'win32') {
        return 'the CUDA provider exists only for Linux and Windows x64; use --inference.device cpu (or coreml on macOS)';
      }
      return (
        'installs made with ONNXRUNTIME_NODE_INSTALL=skip have no CUDA provider: with internet, run ' +
        '"ONNXRUNTIME_NODE_INSTALL=cuda12 pnpm rebuild onnxruntime-node" (needs an NVIDIA driver, CUDA 12 ' +
        'and cuDNN 9; see docs/inference.md), or use --inference.device cpu'
      );
    case 'coreml':
      return 'CoreML exists only on macOS; use --inference.device cpu (or cuda on a Linux GPU box)';
    case 'cpu':
      return 'the CPU provider ships inside onnxruntime-node; reinstall dependencies (pnpm install)';
  }
}

/** The `--inference.*` options, parsed by the neuron config loader. */
export const inferenceOptionsSchema = z.object({
  device: deviceSchema.default('auto'),
  /** CPU intra-op threads; ONNX Runtime's default (all cores) when omitted. */
  threads: z.number().int().positive().optional(),
  /** Rows per ONNX run (bounds GPU memory). */
  batch_size: z.number().int().positive().default(16),
});
export type InferenceOptions = z.input<typeof inferenceOptionsSchema>;
