import type { SdxlManifest } from '@taonode/diffusion';
import type { Command } from 'commander';
import { action, printJson, printLine, printNote, UsageError } from '../../io/index.js';

interface FetchFlags {
  model: string;
  precision: 'fp32' | 'fp16';
  hubUrl?: string;
  cacheDir?: string;
  json?: boolean;
}

/** Points a hub manifest at another endpoint / cache folder (mirrors, tests, shared caches). */
export async function withHubOverrides(
  manifest: SdxlManifest,
  flags: { hubUrl?: string; cacheDir?: string },
): Promise<SdxlManifest> {
  if (manifest.source.kind !== 'hf') return manifest;
  const { parseSdxlManifest } = await import('@taonode/diffusion');
  return parseSdxlManifest({
    ...manifest,
    source: {
      ...manifest.source,
      ...(flags.hubUrl ? { hubUrl: flags.hubUrl } : {}),
      ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
    },
  });
}

/** `taonode models fetch sn30`: download (once) and verify every file of the SN30 model. */
export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('Fetch and verify model files');
  models
    .command('fetch')
    .description(
      'Download a subnet model into the Hugging Face cache at its pinned revision and verify every file',
    )
    .argument('<subnet>', 'sn30')
    .option('--model <name>', 'sdxl-base-1.0, tiny, tiny-controlnet or a manifest JSON file', 'sdxl-base-1.0')
    .option('--precision <p>', 'fp32 (CPU) or fp16 (GPU), when the model has both', 'fp32')
    .option('--hub-url <url>', 'hub endpoint (default https://huggingface.co)')
    .option(
      '--cache-dir <dir>',
      'hub cache folder (default HF_HUB_CACHE / HF_HOME / ~/.cache/huggingface/hub)',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: FetchFlags, cmd: Command) => {
        const subnet = cmd.args[0];
        if (subnet !== 'sn30')
          throw new UsageError(`no models to fetch for "${subnet}"`, 'only sn30 has a model manifest');
        if (opts.precision !== 'fp32' && opts.precision !== 'fp16') {
          throw new UsageError(`--precision ${opts.precision}`, 'use fp32 or fp16');
        }
        // The engine (ONNX Runtime, sharp) loads only for this command, not at every CLI start.
        const { fetchSdxlFiles, manifestFiles, parseSdxlManifest } = await import('@taonode/diffusion');
        const { progressBar, sha256File } = await import('@taonode/inference');
        const { sn30ModelChoice } = await import('@taonode/sn30');
        const choice = await sn30ModelChoice(opts.model);
        const input = opts.precision === 'fp16' ? choice.fp16 : choice.fp32;
        if (input === undefined)
          throw new UsageError(`model ${opts.model} has no fp16 manifest`, 'use --precision fp32');
        const manifest = await withHubOverrides(parseSdxlManifest(input), opts);
        const where =
          manifest.source.kind === 'hf'
            ? `${manifest.source.repo}@${manifest.source.revision}`
            : manifest.source.dir;
        printNote(`fetching ${manifest.name} (${manifestFiles(manifest).length} files) from ${where}`);
        const paths = await fetchSdxlFiles(manifest, { onProgress: progressBar() });
        const files = [];
        for (const [path, local] of paths) files.push({ path, sha256: await sha256File(local), local });
        if (opts.json) {
          printJson({ model: manifest.name, source: manifest.source, precision: manifest.precision, files });
          return;
        }
        for (const f of files) printLine(`${f.sha256}  ${f.path}`);
        printNote(
          `verified ${files.length} files; they are cached at ${files[0]?.local ?? '-'} and beside it`,
        );
      }),
    );
}
