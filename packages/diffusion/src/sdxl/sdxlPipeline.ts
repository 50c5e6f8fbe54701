import {
  ClipTokenizer,
  type CreateSessionOptions,
  createSession,
  type FetchModelOptions,
  type ResolvedDevice,
} from '@taonode/inference';
import { DiffusionError, DiffusionInputError } from '../errors.js';
import { FramesBuffer } from '../frames/framesBuffer.js';
import {
  defaultNoiseThreads,
  GaussianWorkers,
  inlineNoise,
  type NoiseDrawer,
} from '../rng/gaussianWorkers.js';
import { solverStep, stepCoefficients } from '../scheduler/dpmSolverSde.js';
import { karrasSchedule, type Schedule } from '../scheduler/karrasSchedule.js';
import { type ControlImage, type DiffusionInputs, parseDiffusionInputs } from './diffusionInputs.js';
import { type Feed, GraphSession } from './graphSession.js';
import { fetchSdxlFiles } from './loadSdxlFiles.js';
import { parseSdxlManifest, type SdxlManifest } from './manifest.js';

export interface LoadSdxlOptions extends Pick<CreateSessionOptions, 'device' | 'threads' | 'onFallback'> {
  /** Model store options (progress bar, hub token). */
  fetch?: FetchModelOptions;
  /** Open the VAE decoder (only the user-facing path decodes; miners never do). Default: when listed. */
  vae?: boolean;
  /**
   * Worker threads that draw the noise while the UNet runs (0: draw on the calling thread, between
   * UNet calls). Default: `defaultNoiseThreads()` (cores − 1, at most 4) on an accelerator, 0 on the
   * CPU provider. Values are the same either way.
   */
  noiseThreads?: number;
}

/** Text conditioning for one request: CFG rows are [uncond, cond]. */
export interface PromptEmbeddings {
  batch: 1 | 2;
  /** [batch, 77, crossDim]: penultimate hidden states of both encoders, concatenated. */
  embeds: Float32Array;
  crossDim: number;
  /** [batch, pooledDim]: encoder 2's pooled projection. */
  pooled: Float32Array;
  pooledDim: number;
  /** [batch, 6]: original size, crop, target size (height first). */
  timeIds: Float32Array;
}

export interface GenerateOptions {
  /** Required when the manifest has a ControlNet: RGB [3, height, width] in [0, 1]. */
  controlImage?: ControlImage;
  /** Called after every step with its index. */
  onStep?: (step: number) => void;
  signal?: AbortSignal;
}

export interface GenerationTimings {
  encodeMs: number;
  /** UNet (+ ControlNet) time over all steps, guidance included. */
  modelMs: number;
  /**
   * Scheduler + RNG time over all steps on the critical path: the solver steps, plus any wait for a
   * noise draw the workers had not finished when the UNet returned (with noise workers, ≈ the solver).
   */
  solverMs: number;
  totalMs: number;
}

export interface Generation {
  frames: FramesBuffer;
  timings: GenerationTimings;
}

const TOKENS = 77;

/**
 * SDXL on ONNX Runtime, as diffusers' SDXL (ControlNet) pipeline runs it with the SDE-DPM-Solver++
 * scheduler, but with the portable noise of `fillGaussian` (drawn on worker threads, see `noise`) so
 * every step can be replayed exactly.
 */
export class SdxlPipeline {
  private constructor(
    readonly manifest: SdxlManifest,
    readonly device: ResolvedDevice,
    private readonly tokenizer1: ClipTokenizer,
    private readonly tokenizer2: ClipTokenizer,
    private readonly pad1: number,
    private readonly pad2: number,
    private readonly textEncoder1: GraphSession,
    private readonly textEncoder2: GraphSession,
    private readonly unet: GraphSession,
    private readonly controlnet: GraphSession | undefined,
    private readonly vae: GraphSession | undefined,
    /** Where this pipeline's noise is drawn (worker threads, or inline). */
    readonly noise: NoiseDrawer,
  ) {}

  /** Fetches and verifies the manifest's files, opens every graph and checks it against the manifest. */
  static async load(manifestInput: unknown, options: LoadSdxlOptions = {}): Promise<SdxlPipeline> {
    const manifest = parseSdxlManifest(manifestInput);
    const paths = await fetchSdxlFiles(manifest, options.fetch);
    const local = (p: string) => paths.get(p) as string;
    const tok = (t: SdxlManifest['tokenizer']) =>
      ClipTokenizer.fromVocabAndMergesFiles({ vocab: local(t.vocab.path), merges: local(t.merges.path) });
    const tokenizer1 = tok(manifest.tokenizer);
    const tokenizer2 = tok(manifest.tokenizer2);
    const padId = (t: ClipTokenizer, token: string) => {
      const id = t.tokenId(token);
      if (id === undefined)
        throw new DiffusionError('MODEL_MANIFEST', `pad token "${token}" is not in the vocabulary`);
      return id;
    };
    const sessionOptions = {
      device: options.device,
      threads: options.threads,
      onFallback: options.onFallback,
    };
    const opened: GraphSession[] = [];
    const open = async (component: string, path: string, inputs: string[], outputs: string[]) => {
      const model = await createSession(local(path), sessionOptions);
      try {
        const g = new GraphSession(component, model, { inputs, outputs });
        opened.push(g);
        return g;
      } catch (err) {
        await model.release();
        throw err;
      }
    };
    try {
      const m = manifest;
      const te1 = await open(
        'text_encoder',
        m.textEncoder.model.path,
        [m.textEncoder.input],
        [m.textEncoder.hiddenState],
      );
      const te2 = await open(
        'text_encoder_2',
        m.textEncoder2.model.path,
        [m.textEncoder2.input],
        [m.textEncoder2.hiddenState, m.textEncoder2.pooled],
      );
      const ui = m.unet.inputs;
      const conditioning = [ui.sample, ui.timestep, ui.encoderHiddenStates, ui.textEmbeds, ui.timeIds];
      const unet = await open(
        'unet',
        m.unet.model.path,
        [...conditioning, ...m.unet.controlResiduals],
        [m.unet.output],
      );
      let controlnet: GraphSession | undefined;
      if (m.controlnet) {
        const ci = m.controlnet.inputs;
        controlnet = await open(
          'controlnet',
          m.controlnet.model.path,
          [
            ci.sample,
            ci.timestep,
            ci.encoderHiddenStates,
            ci.textEmbeds,
            ci.timeIds,
            ci.controlImage,
            ci.conditioningScale,
          ],
          m.controlnet.outputs,
        );
      }
      const wantVae = options.vae ?? true;
      const vae =
        wantVae && m.vaeDecoder
          ? await open('vae_decoder', m.vaeDecoder.model.path, [m.vaeDecoder.input], [m.vaeDecoder.output])
          : undefined;
      // Workers pay when the UNet runs on an accelerator and the cores idle meanwhile; on the CPU
      // provider ONNX Runtime's own threads already use every core, and a worker only competes with them.
      const threads = options.noiseThreads ?? (unet.model.device === 'cpu' ? 0 : defaultNoiseThreads());
      // Workers that cannot start (thread limits) cost speed, never values: draw inline then.
      const noise = threads > 0 ? await GaussianWorkers.start(threads).catch(() => inlineNoise) : inlineNoise;
      return new SdxlPipeline(
        manifest,
        unet.model.device,
        tokenizer1,
        tokenizer2,
        padId(tokenizer1, m.tokenizer.padToken),
        padId(tokenizer2, m.tokenizer2.padToken),
        te1,
        te2,
        unet,
        controlnet,
        vae,
        noise,
      );
    } catch (err) {
      await Promise.all(opened.map((g) => g.release()));
      throw err;
    }
  }

  get hasControlNet(): boolean {
    return this.controlnet !== undefined;
  }

  get hasVae(): boolean {
    return this.vae !== undefined;
  }

  async release(): Promise<void> {
    const graphs = [this.textEncoder1, this.textEncoder2, this.unet, this.controlnet, this.vae];
    await Promise.all([...graphs.map((g) => g?.release()), this.noise.close()]);
  }

  /** Token rows for both encoders ([uncond?, cond]); prompts over 77 tokens are cut as CLIP does. */
  tokenize(texts1: string[], texts2: string[]): { ids1: BigInt64Array; ids2: BigInt64Array } {
    return {
      ids1: this.tokenizer1.tokenize(texts1, { truncation: 'keep-end', padId: this.pad1 }),
      ids2: this.tokenizer2.tokenize(texts2, { truncation: 'keep-end', padId: this.pad2 }),
    };
  }

  /** Both text encoders → CFG-batched prompt embeddings, pooled embeddings and time ids. */
  async encodePrompt(inputs: DiffusionInputs): Promise<PromptEmbeddings> {
    const cfg = inputs.guidanceScale > 1;
    const prompt2 = inputs.prompt2 || inputs.prompt;
    const zerosUncond = cfg && inputs.negativePrompt === undefined;
    const texts1: string[] = [];
    const texts2: string[] = [];
    if (cfg && !zerosUncond) {
      const neg = inputs.negativePrompt ?? '';
      texts1.push(neg);
      texts2.push(inputs.negativePrompt2 || neg);
    }
    texts1.push(inputs.prompt);
    texts2.push(prompt2);
    const { ids1, ids2 } = this.tokenize(texts1, texts2);
    const rows = texts1.length;
    const m = this.manifest;
    const out1 = await this.textEncoder1.run(
      { [m.textEncoder.input]: { int64: ids1, dims: [rows, TOKENS] } },
      [m.textEncoder.hiddenState],
    );
    const out2 = await this.textEncoder2.run(
      { [m.textEncoder2.input]: { int64: ids2, dims: [rows, TOKENS] } },
      [m.textEncoder2.hiddenState, m.textEncoder2.pooled],
    );
    const h1 = out1[m.textEncoder.hiddenState]!;
    const h2 = out2[m.textEncoder2.hiddenState]!;
    const p2 = out2[m.textEncoder2.pooled]!;
    const d1 = h1.dims[2]!;
    const d2 = h2.dims[2]!;
    const crossDim = d1 + d2;
    const pooledDim = p2.dims[1]!;
    const batch: 1 | 2 = cfg ? 2 : 1;
    const embeds = new Float32Array(batch * TOKENS * crossDim);
    const pooled = new Float32Array(batch * pooledDim);
    // With zero uncond embeddings the encoded row is the second; otherwise rows line up.
    const firstRow = zerosUncond ? 1 : 0;
    for (let r = 0; r < rows; r++) {
      const dst = r + firstRow;
      for (let t = 0; t < TOKENS; t++) {
        const o = (dst * TOKENS + t) * crossDim;
        embeds.set(h1.data.subarray((r * TOKENS + t) * d1, (r * TOKENS + t + 1) * d1), o);
        embeds.set(h2.data.subarray((r * TOKENS + t) * d2, (r * TOKENS + t + 1) * d2), o + d1);
      }
      pooled.set(p2.data.subarray(r * pooledDim, (r + 1) * pooledDim), dst * pooledDim);
    }
    const timeIds = new Float32Array(batch * 6);
    for (let b = 0; b < batch; b++) {
      timeIds.set([inputs.height, inputs.width, 0, 0, inputs.height, inputs.width], b * 6);
    }
    return { batch, embeds, crossDim, pooled, pooledDim, timeIds };
  }

  /** The guided noise prediction ε at step k for latents x (written into `eps`). */
  async predictNoise(
    cond: PromptEmbeddings,
    schedule: Schedule,
    k: number,
    x: Float32Array,
    eps: Float32Array,
    inputs: DiffusionInputs,
    control: { image: Float32Array | undefined; width: number; height: number },
    scratch: Float32Array,
  ): Promise<void> {
    const m = this.manifest;
    const h = inputs.height / 8;
    const w = inputs.width / 8;
    const n = x.length;
    const { batch } = cond;
    const sample = batch === 2 ? scratch : x;
    if (batch === 2) {
      scratch.set(x, 0);
      scratch.set(x, n);
    }
    const t = schedule.timesteps[k]!;
    const feeds = (names: SdxlManifest['unet']['inputs']): Record<string, Feed> => ({
      [names.sample]: { data: sample, dims: [batch, 4, h, w] },
      [names.timestep]: { int64: BigInt64Array.of(BigInt(t)), dims: names.timestepRank === 1 ? [1] : [] },
      [names.encoderHiddenStates]: { data: cond.embeds, dims: [batch, TOKENS, cond.crossDim] },
      [names.textEmbeds]: { data: cond.pooled, dims: [batch, cond.pooledDim] },
      [names.timeIds]: { data: cond.timeIds, dims: [batch, 6] },
    });
    const unetFeeds = feeds(m.unet.inputs);
    if (this.controlnet && m.controlnet) {
      const ci = m.controlnet.inputs;
      if (control.image === undefined)
        throw new DiffusionInputError('this model has a ControlNet: a control image is required');
      const residuals = await this.controlnet.run(
        {
          ...feeds(ci),
          [ci.controlImage]: { data: control.image, dims: [batch, 3, control.height, control.width] },
          [ci.conditioningScale]: { data: Float32Array.of(inputs.controlScale), dims: [] },
        },
        m.controlnet.outputs,
      );
      m.controlnet.outputs.forEach((name, i) => {
        const r = residuals[name]!;
        unetFeeds[m.unet.controlResiduals[i]!] = { data: r.data, dims: r.dims };
      });
    }
    const out = (await this.unet.run(unetFeeds, [m.unet.output]))[m.unet.output]!;
    if (out.data.length !== batch * n) {
      throw new DiffusionError(
        'MODEL_CONTRACT',
        `unet returned ${out.data.length} values, expected ${batch * n}`,
      );
    }
    if (batch === 1) {
      eps.set(out.data);
      return;
    }
    const g = inputs.guidanceScale;
    const o = out.data;
    for (let i = 0; i < n; i++) {
      const u = o[i]!;
      eps[i] = u + g * (o[n + i]! - u);
    }
  }

  /** Control image duplicated for the CFG batch (checked against the request size). */
  controlFor(inputs: DiffusionInputs, batch: number, image: ControlImage | undefined) {
    if (!this.controlnet) return { image: undefined, width: inputs.width, height: inputs.height };
    if (image === undefined)
      throw new DiffusionInputError('this model has a ControlNet: a control image is required');
    if (
      image.width !== inputs.width ||
      image.height !== inputs.height ||
      image.data.length !== 3 * image.width * image.height
    ) {
      throw new DiffusionInputError(
        `control image is ${image.width}×${image.height}, the request is ${inputs.width}×${inputs.height}`,
      );
    }
    if (batch === 1) return { image: image.data, width: image.width, height: image.height };
    const both = new Float32Array(image.data.length * 2);
    both.set(image.data, 0);
    both.set(image.data, image.data.length);
    return { image: both, width: image.width, height: image.height };
  }

  /**
   * Runs every step and captures each step's latents in place in a FramesBuffer (the safetensors file
   * the miner returns). Noise draw 0 is the initial latents, draw k+1 the noise of step k.
   */
  async generate(inputsInput: unknown, options: GenerateOptions = {}): Promise<Generation> {
    const inputs = parseDiffusionInputs(inputsInput);
    const started = performance.now();
    const h = inputs.height / 8;
    const w = inputs.width / 8;
    const n = 4 * h * w;
    const schedule = karrasSchedule(inputs.steps);
    // onnxruntime-node runs each graph synchronously on this thread: only a noise worker can draw while
    // a graph runs. Draw 0 (the initial latents) is drawn while the text encoders run.
    const initial = this.noise.fill(this.noise.alloc(n), inputs.seed, 0);
    const cond = await this.encodePrompt(inputs);
    const control = this.controlFor(inputs, cond.batch, options.controlImage);
    let x: Float32Array = Float32Array.from(await initial);
    const encodeMs = performance.now() - started;
    const frames = new FramesBuffer(inputs.steps, h, w);
    const eps = new Float32Array(n);
    const noise = this.noise.alloc(n);
    const scratch = new Float32Array(cond.batch === 2 ? 2 * n : 0);
    let x0 = new Float32Array(n);
    let prevX0 = new Float32Array(n);
    let modelMs = 0;
    let solverMs = 0;
    for (let k = 0; k < inputs.steps; k++) {
      if (options.signal?.aborted)
        throw new DiffusionError('ABORTED', 'generation aborted', undefined, {
          cause: options.signal.reason,
        });
      const c = stepCoefficients(schedule, k);
      // Draw k+1 (this step's noise): on a worker it is computed while the UNet runs below; inline
      // it is computed here, before the UNet.
      const tDraw = performance.now();
      const drawn = c.final ? undefined : this.noise.fill(noise, inputs.seed, k + 1);
      const t0 = performance.now();
      await this.predictNoise(cond, schedule, k, x, eps, inputs, control, scratch);
      const t1 = performance.now();
      await drawn;
      const out = frames.frame(k);
      solverStep(c, {
        sample: x,
        eps,
        prevX0: k > 0 ? prevX0 : undefined,
        noise: c.final ? undefined : noise,
        out,
        x0Out: x0,
      });
      [prevX0, x0] = [x0, prevX0];
      x = out;
      const t2 = performance.now();
      modelMs += t1 - t0;
      solverMs += t0 - tDraw + (t2 - t1);
      options.onStep?.(k);
    }
    return { frames, timings: { encodeMs, modelMs, solverMs, totalMs: performance.now() - started } };
  }

  /**
   * VAE-decodes one frame (normally the last) to RGB bytes, as diffusers: latents / scaling factor →
   * decoder → clamp(x/2 + 0.5, 0, 1) → ×255 rounded. Interleaved RGB, height × width × 3.
   */
  async decode(latents: Float32Array, width: number, height: number): Promise<Uint8Array> {
    if (!this.vae || !this.manifest.vaeDecoder) {
      throw new DiffusionError(
        'NO_VAE',
        'this pipeline was loaded without a VAE decoder',
        'load it with { vae: true } and a manifest that lists vae_decoder',
      );
    }
    const h = height / 8;
    const w = width / 8;
    if (latents.length !== 4 * h * w)
      throw new DiffusionInputError(`latents hold ${latents.length} values, expected 4×${h}×${w}`);
    const scaled = Float32Array.from(latents, (v) => v / this.manifest.vaeScalingFactor);
    const { input, output } = this.manifest.vaeDecoder;
    const out = (await this.vae.run({ [input]: { data: scaled, dims: [1, 4, h, w] } }, [output]))[output]!;
    const plane = width * height;
    if (out.data.length !== 3 * plane)
      throw new DiffusionError(
        'MODEL_CONTRACT',
        `vae_decoder returned ${out.data.length} values, expected ${3 * plane}`,
      );
    const rgb = new Uint8Array(3 * plane);
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < plane; p++) {
        const v = Math.min(1, Math.max(0, out.data[c * plane + p]! / 2 + 0.5));
        rgb[p * 3 + c] = Math.round(v * 255);
      }
    }
    return rgb;
  }
}
