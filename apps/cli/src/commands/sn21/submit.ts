import { setCommitment } from '@taonode/chain';
import type { Command } from 'commander';
import {
  action,
  addWalletOptions,
  loadHotkey,
  loadWalletFromOptions,
  printJson,
  printLine,
  printNote,
  UsageError,
  type WalletFlags,
} from '../../io/index.js';
import { addChainOptions, type ChainFlags, withChain } from '../chain/chainOptions.js';
import { parseNetuid, usage } from '../chain/weightsArgs.js';

type Opts = ChainFlags &
  WalletFlags & {
    repo?: string;
    dir?: string;
    netuid?: string;
    hubUrl?: string;
    hfTokenFile?: string;
    epoch: string;
    competition: string;
    checkOnly?: boolean;
    commitOnly?: string;
    commit: boolean;
    json?: boolean;
  };

const REPO = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
/** The video-captioning competition (`VIDEO_CAPTION_COMPETITION` of @taonode/sn21). */
const DEFAULT_COMPETITION = 'o1';

/**
 * `taonode sn21 submit`: check a model folder against the SN21 contract (load it, caption once),
 * write hotkey.txt, upload it to the hub, commit `namespace:name:epoch:commit:hash:competition`.
 */
export function registerSn21Submit(group: Command): void {
  const cmd = group
    .command('submit')
    .description('Check, upload and commit an SN21 caption model (docs/sn21.md)')
    .option('--repo <namespace/name>', 'Hugging Face model repo (created when missing)')
    .option('--dir <folder>', 'model folder: sn21.json, tokenizer.json, onnx/*.onnx')
    .option('--netuid <n>', 'subnet id (21 on finney)')
    .option('--hub-url <url>', 'hub endpoint (default https://huggingface.co)')
    .option('--hf-token-file <file>', 'file holding the hub write token (default: $HF_TOKEN)')
    .option('--epoch <label>', 'checkpoint label in the commitment', '0')
    .option('--competition <id>', 'competition id in the commitment', DEFAULT_COMPETITION)
    .option('--check-only', 'only check the folder and caption once; no upload, no chain')
    .option('--commit-only <sha>', 'skip the upload: commit this already uploaded revision of --repo')
    .option('--no-commit', 'upload only and print the commitment to set later')
    .option('--json', 'print the result as one JSON object');
  addChainOptions(addWalletOptions(cmd)).action(
    action(async (opts: Opts) => {
      // ONNX Runtime and the hub client load only when this command runs, not for every `taonode` call.
      const {
        buildModelCommitment,
        checkModelForSubmit,
        formatModelCommitment,
        mapCommitError,
        resolveHfToken,
        submitModel,
      } = await import('@taonode/sn21');
      if (opts.dir === undefined && opts.commitOnly === undefined) throw new UsageError('--dir is required');
      if (opts.checkOnly) {
        const check = await checkModelForSubmit(opts.dir!);
        if (opts.json)
          printJson({
            ok: true,
            caption: check.caption.text,
            contentHash: check.contentHash,
            bytes: check.totalBytes,
          });
        else printLine(`ok: ${check.totalBytes} bytes; probe caption: ${check.caption.text}`);
        return;
      }
      const repo = opts.repo;
      if (repo === undefined || !REPO.test(repo)) throw new UsageError('--repo must be namespace/name');
      const needsChain = opts.commit || opts.commitOnly !== undefined;
      const netuid = needsChain ? usage(() => parseNetuid(opts.netuid ?? '')) : undefined;
      const wallet = loadWalletFromOptions(opts);
      const hotkey = needsChain ? await loadHotkey(wallet) : undefined;
      const ss58 = hotkey?.ss58Address ?? (await wallet.getHotkeypub()).ss58Address;
      const commitOnChain = async (commitment: string) => {
        return withChain(opts, async (client) => {
          try {
            const r = await setCommitment(client, { netuid: netuid!, data: commitment, signer: hotkey! });
            return { blockHash: r.blockHash };
          } catch (err) {
            throw mapCommitError(err);
          }
        });
      };

      if (opts.commitOnly !== undefined) {
        const commitment = formatModelCommitment(
          buildModelCommitment({
            repo,
            commit: opts.commitOnly,
            epoch: opts.epoch,
            competition: opts.competition,
          }),
        );
        const { blockHash } = await commitOnChain(commitment);
        if (opts.json) printJson({ repo, revision: opts.commitOnly, commitment, hotkey: ss58, blockHash });
        else printLine(`committed ${commitment} for ${ss58}`);
        return;
      }

      // The token is read here and handed to the hub client only; it is never printed.
      const accessToken = await resolveHfToken({
        ...(opts.hfTokenFile === undefined ? {} : { file: opts.hfTokenFile }),
        env: process.env.HF_TOKEN,
      });
      const result = await submitModel({
        dir: opts.dir!,
        repo,
        hotkey: ss58,
        hub: { accessToken, ...(opts.hubUrl === undefined ? {} : { hubUrl: opts.hubUrl }) },
        epoch: opts.epoch,
        competition: opts.competition,
        ...(opts.commit ? { commit: commitOnChain } : {}),
        onStep: (_step, detail) => {
          if (!opts.json) printNote(detail);
        },
      });
      if (opts.json) printJson({ repo, hotkey: ss58, ...result, blockHash: result.blockHash ?? null });
      else if (result.blockHash) printLine(`committed ${result.commitment} for ${ss58}`);
      else
        printLine(
          `uploaded ${repo}@${result.revision}; commit later with: taonode sn21 submit --repo ${repo} --commit-only ${result.revision} --netuid <n>`,
        );
    }),
  );
}
