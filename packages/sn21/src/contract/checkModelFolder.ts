import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { MissingFileError, ModelContractError } from '../errors.js';
import { inspectOnnx, type OnnxSummary, type OnnxValueInfo } from './inspectOnnx.js';
import { type ModelConfig, modelConfigSchema, VIDEO_PLACEHOLDER } from './modelConfig.js';
import { type ContractLimits, DEFAULT_LIMITS, GRAPHS, type GraphName, MODEL_FILES } from './modelFiles.js';
import { FileBytes, ProtoFormatError } from './protoReader.js';
import { TextTokenizer, TextTokenizerError } from './textTokenizer.js';

/**
 * Operator domains a graph may use: the ONNX standard ones, plus ONNX Runtime's built-in contrib
 * domain (quantised MatMulNBits, GroupQueryAttention): both run code that ships with ONNX Runtime.
 * Any other domain needs a custom-op library, i.e. miner code, and is refused.
 */
export const DEFAULT_ALLOWED_DOMAINS: readonly string[] = ['', 'ai.onnx', 'ai.onnx.ml', 'com.microsoft'];

export interface CheckOptions {
  limits?: Partial<ContractLimits>;
  allowedDomains?: readonly string[];
  /** 'penalty' for a validator checking a miner's repo, 'usage' for a miner checking its folder. */
  missingDisposition?: 'penalty' | 'usage';
}

/** What the decoder's declared I/O says about its KV cache. */
export interface DecoderLayout {
  layers: number;
  kvHeads: number;
  headDim: number;
  /** Element type of past/present tensors. */
  kvType: 'float32' | 'float16';
  logitsType: 'float32' | 'float16';
  /** Vocabulary size when the graph declares it. */
  vocab: number | undefined;
}

export interface CheckedModel {
  dir: string;
  config: ModelConfig;
  tokenizer: TextTokenizer;
  decoder: DecoderLayout;
  /** Every model file with its size (graphs, external data, JSON). */
  files: { path: string; bytes: number }[];
  totalBytes: number;
}

const fail = (file: string, reason: string, details: Record<string, unknown> = {}, cause?: unknown) =>
  new ModelContractError(file, reason, details, cause);

function readJson(dir: string, file: string, maxBytes: number): string {
  const bytes = statSync(join(dir, file)).size;
  if (bytes > maxBytes) throw fail(file, `${bytes} bytes, more than the ${maxBytes} allowed`);
  return readFileSync(join(dir, file), 'utf8');
}

function parseConfig(text: string): ModelConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fail(MODEL_FILES.config, `not JSON: ${(err as Error).message}`);
  }
  const r = modelConfigSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw fail(MODEL_FILES.config, `does not match the contract: ${issues.join('; ')}`, { issues });
  }
  return r.data;
}

function checkTokenizer(text: string, config: ModelConfig): TextTokenizer {
  try {
    const tok = TextTokenizer.fromJson(text);
    for (const id of config.eos_token_ids) {
      if (!tok.hasId(id)) throw new TextTokenizerError(`eos id ${id} is not in the vocabulary`);
    }
    for (const part of config.prompt_template.split(VIDEO_PLACEHOLDER)) tok.encode(part, false);
    return tok;
  } catch (err) {
    if (err instanceof TextTokenizerError) throw fail(MODEL_FILES.tokenizer, err.message, {}, err);
    throw err;
  }
}

function inspectGraph(dir: string, file: string): OnnxSummary {
  let src: FileBytes | undefined;
  try {
    src = new FileBytes(join(dir, file));
    return inspectOnnx(src);
  } catch (err) {
    if (err instanceof ProtoFormatError) throw fail(file, `not a valid ONNX model (${err.message})`, {}, err);
    throw err;
  } finally {
    src?.close();
  }
}

function checkOps(file: string, g: OnnxSummary, allowed: ReadonlySet<string>): void {
  const local = new Map(g.functions.map((f) => [`${f.domain}\u0000${f.name}`, f]));
  const seen = new Set<string>();
  const visit = (ops: OnnxSummary['ops'], depth: number): void => {
    for (const { domain, op } of ops) {
      if (allowed.has(domain)) continue;
      const key = `${domain}\u0000${op}`;
      const fn = local.get(key);
      if (fn === undefined || depth > 16) {
        throw fail(file, `uses operator ${op} from domain "${domain}", which is not a standard ONNX domain`, {
          domain,
          op,
          allowed: [...allowed],
        });
      }
      if (seen.has(key)) continue;
      seen.add(key);
      // A model-local function is made of other nodes: allowed when they are.
      visit(fn.ops, depth + 1);
    }
  };
  visit(g.ops, 0);
}

function checkExternalData(dir: string, file: string, g: OnnxSummary): string[] {
  const graphDir = join(dir, file, '..');
  const out = new Set<string>();
  for (const location of g.externalData) {
    const path = normalize(join(graphDir, location));
    const rel = relative(dir, path);
    if (isAbsolute(location) || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw fail(file, `external data "${location}" points outside the model folder`, { location });
    }
    if (!existsSync(path)) throw fail(file, `external data "${location}" is missing`, { location });
    // A symlink could still lead elsewhere.
    const real = relative(realpathSync(dir), realpathSync(path));
    if (real.startsWith(`..${sep}`) || isAbsolute(real)) {
      throw fail(file, `external data "${location}" resolves outside the model folder`, { location });
    }
    out.add(rel.split(sep).join('/'));
  }
  return [...out];
}

/** Inputs a caller must feed: declared inputs without an initializer default. */
function requiredInputs(g: OnnxSummary): OnnxValueInfo[] {
  return g.inputs.filter((i) => !g.initializers.has(i.name));
}

function expectTensor(
  file: string,
  v: OnnxValueInfo | undefined,
  name: string,
  types: readonly string[],
  dims: (number | undefined)[],
): OnnxValueInfo {
  if (v === undefined) throw fail(file, `has no ${name}`, { name });
  if (v.type === undefined || !types.includes(v.type)) {
    throw fail(file, `${name} must be ${types.join(' or ')}, is ${v.type ?? 'not a tensor'}`, { name });
  }
  if (v.dims === undefined || v.dims.length !== dims.length) {
    throw fail(file, `${name} must have rank ${dims.length}, declares ${v.dims?.length ?? 'no shape'}`, {
      name,
    });
  }
  dims.forEach((want, i) => {
    const got = v.dims?.[i];
    if (want !== undefined && typeof got === 'number' && got !== want) {
      throw fail(file, `${name} dim ${i} is ${got}, the contract needs ${want}`, { name, dim: i, got, want });
    }
    if (want !== undefined && typeof got !== 'number' && i > 0 && name !== 'prefix_embeds') {
      throw fail(file, `${name} dim ${i} must be the fixed size ${want}, declares "${String(got)}"`, {
        name,
        dim: i,
      });
    }
  });
  return v;
}

function exactlyInputs(file: string, g: OnnxSummary, names: readonly string[]): Map<string, OnnxValueInfo> {
  const req = requiredInputs(g);
  const extra = req.filter((i) => !names.includes(i.name)).map((i) => i.name);
  if (extra.length > 0) throw fail(file, `has inputs outside the contract: ${extra.join(', ')}`, { extra });
  return new Map(g.inputs.map((i) => [i.name, i]));
}

function checkProjector(g: OnnxSummary, config: ModelConfig): void {
  const file = MODEL_FILES.projector;
  const inputs = exactlyInputs(file, g, ['image_embeds']);
  expectTensor(
    file,
    inputs.get('image_embeds'),
    'image_embeds',
    ['float32'],
    [undefined, config.embedding_dim],
  );
  const out = g.outputs.find((o) => o.name === 'prefix_embeds');
  expectTensor(
    file,
    out,
    'prefix_embeds',
    ['float32'],
    [undefined, config.perception_tokens, config.hidden_size],
  );
}

function checkEmbedTokens(g: OnnxSummary, config: ModelConfig): void {
  const file = MODEL_FILES.embedTokens;
  const inputs = exactlyInputs(file, g, ['input_ids']);
  expectTensor(file, inputs.get('input_ids'), 'input_ids', ['int64'], [undefined, undefined]);
  const out = g.outputs.find((o) => o.name === 'inputs_embeds');
  expectTensor(file, out, 'inputs_embeds', ['float32'], [undefined, undefined, config.hidden_size]);
}

const PAST = /^past_key_values\.(\d+)\.(key|value)$/;

function checkDecoder(g: OnnxSummary, config: ModelConfig): DecoderLayout {
  const file = MODEL_FILES.decoder;
  const req = requiredInputs(g);
  const pastNames = req.map((i) => i.name).filter((n) => PAST.test(n));
  const layers = pastNames.length / 2;
  if (layers < 1 || !Number.isInteger(layers)) {
    throw fail(file, 'needs past_key_values.{i}.key and .value inputs for every layer (KV cache)');
  }
  const names = ['inputs_embeds', 'attention_mask', 'position_ids'];
  for (let i = 0; i < layers; i++) names.push(`past_key_values.${i}.key`, `past_key_values.${i}.value`);
  const inputs = exactlyInputs(file, g, names);
  const missing = names.filter((n) => !inputs.has(n));
  if (missing.length > 0) throw fail(file, `lacks inputs ${missing.join(', ')}`, { missing });
  const H = config.hidden_size;
  expectTensor(file, inputs.get('inputs_embeds'), 'inputs_embeds', ['float32'], [undefined, undefined, H]);
  expectTensor(file, inputs.get('attention_mask'), 'attention_mask', ['int64'], [undefined, undefined]);
  expectTensor(file, inputs.get('position_ids'), 'position_ids', ['int64'], [undefined, undefined]);
  const first = inputs.get('past_key_values.0.key');
  const kvHeads = first?.dims?.[1];
  const headDim = first?.dims?.[3];
  if (typeof kvHeads !== 'number' || typeof headDim !== 'number') {
    throw fail(
      file,
      'past_key_values.0.key must declare fixed KV heads and head size: [batch, heads, past, head_dim]',
    );
  }
  const kvType = first?.type;
  if (kvType !== 'float32' && kvType !== 'float16')
    throw fail(file, 'past key/values must be float32 or float16');
  const outputs = new Map(g.outputs.map((o) => [o.name, o]));
  for (let i = 0; i < layers; i++) {
    for (const kind of ['key', 'value']) {
      const dims = [undefined, kvHeads, undefined, headDim];
      expectTensor(
        file,
        inputs.get(`past_key_values.${i}.${kind}`),
        `past_key_values.${i}.${kind}`,
        [kvType],
        dims,
      );
      expectTensor(file, outputs.get(`present.${i}.${kind}`), `present.${i}.${kind}`, [kvType], dims);
    }
  }
  const logits = expectTensor(
    file,
    outputs.get('logits'),
    'logits',
    ['float32', 'float16'],
    [undefined, undefined, undefined],
  );
  const vocab = logits.dims?.[2];
  return {
    layers,
    kvHeads,
    headDim,
    kvType,
    logitsType: logits.type as 'float32' | 'float16',
    vocab: typeof vocab === 'number' ? vocab : undefined,
  };
}

/**
 * Checks a model folder against the SN21 contract before anything is loaded into ONNX Runtime:
 * required files, size limits, sn21.json, tokenizer.json, only standard operator domains, external
 * data inside the folder, and the declared names, types and shapes of every graph's inputs and
 * outputs. Throws ModelContractError / MissingFileError naming the file and the problem.
 */
export function checkModelFolder(dir: string, options: CheckOptions = {}): CheckedModel {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const allowed = new Set(options.allowedDomains ?? DEFAULT_ALLOWED_DOMAINS);
  const required = Object.values(MODEL_FILES);
  const missing = required.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) throw new MissingFileError(dir, missing, options.missingDisposition ?? 'penalty');

  const config = parseConfig(readJson(dir, MODEL_FILES.config, limits.maxJsonBytes));
  const tokenizer = checkTokenizer(readJson(dir, MODEL_FILES.tokenizer, limits.maxJsonBytes), config);
  const files = new Map<string, number>([
    [MODEL_FILES.config, statSync(join(dir, MODEL_FILES.config)).size],
    [MODEL_FILES.tokenizer, statSync(join(dir, MODEL_FILES.tokenizer)).size],
  ]);
  const graphs = {} as Record<GraphName, OnnxSummary>;
  for (const name of GRAPHS) {
    const file = MODEL_FILES[name];
    const bytes = statSync(join(dir, file)).size;
    if (bytes > limits.maxGraphBytes) {
      throw fail(
        file,
        `${bytes} bytes, more than the ${limits.maxGraphBytes} allowed for one graph; keep weights in external data`,
      );
    }
    files.set(file, bytes);
    const g = inspectGraph(dir, file);
    checkOps(file, g, allowed);
    for (const extra of checkExternalData(dir, file, g)) files.set(extra, statSync(join(dir, extra)).size);
    graphs[name] = g;
  }
  const totalBytes = [...files.values()].reduce((a, b) => a + b, 0);
  if (totalBytes > limits.maxModelBytes) {
    throw fail(
      dir,
      `the model files hold ${totalBytes} bytes, more than the ${limits.maxModelBytes} allowed`,
    );
  }
  checkProjector(graphs.projector, config);
  checkEmbedTokens(graphs.embedTokens, config);
  const decoder = checkDecoder(graphs.decoder, config);
  for (const id of config.eos_token_ids) {
    if (decoder.vocab !== undefined && id >= decoder.vocab) {
      throw fail(MODEL_FILES.config, `eos id ${id} is outside the decoder's ${decoder.vocab} logits`);
    }
  }
  return {
    dir,
    config,
    tokenizer,
    decoder,
    files: [...files].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => a.path.localeCompare(b.path)),
    totalBytes,
  };
}
