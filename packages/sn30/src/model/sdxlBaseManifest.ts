import type { SdxlManifestInput } from '@taonode/diffusion';

/**
 * The public SDXL base 1.0 ONNX export (optimum layout, fp32) in stabilityai/stable-diffusion-xl-base-1.0,
 * pinned to a commit: the hub reports each file's sha256 (LFS) or git blob id at that commit and the
 * model store checks every download against it (`pinning: hub-revision`); `taonode models fetch sn30`
 * prints the sha256 of each verified file so an operator can pin them explicitly too.
 */
export const SDXL_BASE_REPO = 'stabilityai/stable-diffusion-xl-base-1.0';
export const SDXL_BASE_REVISION = '462165984030d82259a11f4367a4eed129e94a7b';

export const SDXL_BASE_MANIFEST: SdxlManifestInput = {
  name: 'sdxl-base-1.0-onnx',
  source: { kind: 'hf', repo: SDXL_BASE_REPO, revision: SDXL_BASE_REVISION },
  pinning: 'hub-revision',
  precision: 'fp32',
  vaeScalingFactor: 0.13025,
  tokenizer: {
    vocab: { path: 'tokenizer/vocab.json' },
    merges: { path: 'tokenizer/merges.txt' },
    padToken: '<|endoftext|>',
  },
  tokenizer2: {
    vocab: { path: 'tokenizer_2/vocab.json' },
    merges: { path: 'tokenizer_2/merges.txt' },
    padToken: '!',
  },
  textEncoder: { model: { path: 'text_encoder/model.onnx' }, hiddenState: 'hidden_states.11' },
  textEncoder2: {
    model: { path: 'text_encoder_2/model.onnx' },
    data: [{ path: 'text_encoder_2/model.onnx_data' }],
    hiddenState: 'hidden_states.31',
    pooled: 'text_embeds',
  },
  unet: {
    model: { path: 'unet/model.onnx' },
    data: [{ path: 'unet/model.onnx_data' }],
    output: 'out_sample',
  },
  vaeDecoder: { model: { path: 'vae_decoder/model.onnx' }, input: 'latent_sample', output: 'sample' },
};
