import type { Device } from '@taonode/inference';
import type { Command } from 'commander';
import { action, printNote, UsageError } from '../../io/index.js';
import { withHubOverrides } from '../models/index.js';

interface GeneratorFlags {
  model: string;
  device: string;
  threads?: string;
  host: string;
  port: string;
  concurrency: string;
  queue: string;
  hubUrl?: string;
  cacheDir?: string;
}

function int(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} ${value}`, `use an integer ≥ ${min}`);
  return n;
}

/** `taonode sn30 generator`: one device's generations over HTTP (API in docs/sn30.md). */
export function registerSn30Commands(program: Command): void {
  const sn30 = program.command('sn30').description('SN30 (WOMBO) tools');
  sn30
    .command('generator')
    .description('Serve SDXL generations (frames + sha256) from one device, for SN30 miners')
    .option('--model <name>', 'sdxl-base-1.0, tiny, tiny-controlnet or a manifest JSON file', 'sdxl-base-1.0')
    .option('--device <d>', 'auto, cuda, coreml or cpu', 'auto')
    .option('--threads <n>', 'CPU intra-op threads')
    .option('--host <ip>', 'listen address', '127.0.0.1')
    .option('--port <n>', 'listen port (0: any free port)', '8001')
    .option('--concurrency <n>', 'generations at once on the device', '1')
    .option('--queue <n>', 'requests that may wait; more get 503', '8')
    .option('--hub-url <url>', 'hub endpoint for the model files')
    .option('--cache-dir <dir>', 'hub cache folder')
    .action(
      action(async (opts: GeneratorFlags) => {
        // The engine (ONNX Runtime, sharp) loads only for this command, not at every CLI start.
        const { SdxlPipeline } = await import('@taonode/diffusion');
        const { deviceSchema, progressBar } = await import('@taonode/inference');
        const sn30 = await import('@taonode/sn30');
        const { GeneratorService, manifestForDevice, modelIdentity, SN30_SIZE, sn30ModelChoice } = sn30;
        const { startGeneratorServer, taoControlImage } = sn30;
        const device = deviceSchema.safeParse(opts.device);
        if (!device.success) throw new UsageError(`--device ${opts.device}`, 'use auto, cuda, coreml or cpu');
        const choice = await sn30ModelChoice(opts.model);
        const manifest = await withHubOverrides(manifestForDevice(choice, device.data as Device), opts);
        const pipeline = await SdxlPipeline.load(manifest, {
          device: device.data,
          ...(opts.threads ? { threads: int(opts.threads, '--threads', 1) } : {}),
          vae: false,
          fetch: { onProgress: progressBar() },
          onFallback: (d, reason) => printNote(`inference device ${d} skipped: ${reason}`),
        });
        const service = new GeneratorService({
          pipeline,
          concurrency: int(opts.concurrency, '--concurrency', 1),
          queueLimit: int(opts.queue, '--queue', 0),
          controlImage: taoControlImage,
        });
        const server = await startGeneratorServer({
          service,
          model: modelIdentity(pipeline.manifest),
          host: opts.host,
          port: int(opts.port, '--port', 0),
          minSize: choice.minSize ?? SN30_SIZE.min,
          log: (entry) => process.stdout.write(`${JSON.stringify({ time: Date.now(), ...entry })}\n`),
        });
        printNote(
          `sn30 generator listening on ${server.url} (model ${server.info.model}, ${pipeline.manifest.precision} on ${pipeline.device})`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.close();
        await pipeline.release();
      }),
    );
}
