import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '@taonode/inference/testing';
import onnxProto from 'onnx-proto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MissingFileError, ModelContractError } from '../errors.js';
import { type ModelFolderFiles, makeTestRows, tinyModelFiles, writeModelFolder } from '../testing/index.js';
import { checkModelFolder } from './checkModelFolder.js';

const { onnx } = onnxProto;
let good: ModelFolderFiles;
let dir: string;

beforeAll(() => {
  good = tinyModelFiles('good', makeTestRows(8));
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sn21-contract-'));
  await writeModelFolder(dir, good);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const contractError = (fn: () => unknown): ModelContractError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelContractError);
    return err as ModelContractError;
  }
  throw new Error('expected a ModelContractError');
};

/** An embed_tokens graph with the contract's I/O whose node sits in a non-standard domain. */
function customOpGraph(domain: string): Uint8Array {
  return buildModel({
    name: 'custom',
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['b', 's'] }],
    outputs: [{ name: 'inputs_embeds', shape: ['b', 's', 17] }],
    nodes: [{ op: 'FastEmbed', domain, inputs: ['input_ids'], outputs: ['inputs_embeds'] }],
    initializers: [],
    opsetImports: [
      { domain: '', version: 17 },
      { domain, version: 1 },
    ],
  });
}

/** A graph whose initializer claims to live in an external file at `location`. */
function externalDataGraph(location: string): Uint8Array {
  const tensor = onnx.TensorProto.create({
    name: 'table',
    dims: [54, 16],
    dataType: onnx.TensorProto.DataType.FLOAT,
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [{ key: 'location', value: location }],
  });
  const io = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'ext',
      node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['inputs_embeds'] }],
      initializer: [tensor],
      input: [io('input_ids', 7, ['b', 's'])],
      output: [io('inputs_embeds', 1, ['b', 's', 16])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

describe('checkModelFolder (the SN21 ONNX contract)', () => {
  it('accepts the tiny models and reports their layout and sizes', () => {
    const m = checkModelFolder(dir);
    expect(m.config.perception_tokens).toBe(2);
    expect(m.decoder).toMatchObject({ layers: 1, kvHeads: 1, kvType: 'float32', logitsType: 'float32' });
    expect(m.files.map((f) => f.path)).toEqual([
      'onnx/decoder_model_merged.onnx',
      'onnx/embed_tokens.onnx',
      'onnx/projector.onnx',
      'sn21.json',
      'tokenizer.json',
    ]);
    expect(m.totalBytes).toBe(m.files.reduce((a, f) => a + f.bytes, 0));
  });

  it('names missing files (penalty for a validator, usage for a miner)', async () => {
    await rm(join(dir, 'tokenizer.json'));
    expect(() => checkModelFolder(dir)).toThrow(MissingFileError);
    expect(() => checkModelFolder(dir)).toThrow(/lacks tokenizer.json/);
    try {
      checkModelFolder(dir, { missingDisposition: 'usage' });
    } catch (err) {
      expect((err as MissingFileError).disposition).toBe('usage');
    }
  });

  it('refuses a corrupt (truncated or garbage) graph', async () => {
    await truncate(join(dir, 'onnx/decoder_model_merged.onnx'), 500);
    const e = contractError(() => checkModelFolder(dir));
    expect(e.message).toMatch(/decoder_model_merged.onnx: not a valid ONNX model/);
    expect(e.disposition).toBe('penalty');
    expect(e.penaltyScore).toBe(0);
    await writeFile(join(dir, 'onnx/decoder_model_merged.onnx'), 'this is not protobuf at all');
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/not a valid ONNX model/);
  });

  it('refuses operators from a custom domain, allows ONNX Runtime’s built-in one', async () => {
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), customOpGraph('com.evil.ops'));
    const e = contractError(() => checkModelFolder(dir));
    expect(e.message).toMatch(/operator FastEmbed from domain "com.evil.ops"/);
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), customOpGraph('com.microsoft'));
    // The domain passes; the graph's declared widths then fail the shape check (17 ≠ the config's H).
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/inputs_embeds dim 2 is 17/);
    expect(() => checkModelFolder(dir, { allowedDomains: [''] })).toThrow(/domain "com.microsoft"/);
  });

  it('refuses external data outside the folder or missing', async () => {
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), externalDataGraph('../../../etc/passwd'));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/points outside the model folder/);
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), externalDataGraph('/etc/passwd'));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/outside the model folder/);
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), externalDataGraph('embed.onnx_data'));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/"embed.onnx_data" is missing/);
  });

  it('checks the declared shapes against sn21.json', async () => {
    const config = JSON.parse(String(good['sn21.json']));
    await writeFile(join(dir, 'sn21.json'), JSON.stringify({ ...config, hidden_size: 7 }));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(
      /prefix_embeds dim 2 is \d+, the contract needs 7/,
    );
    await writeFile(join(dir, 'sn21.json'), JSON.stringify({ ...config, perception_tokens: 3 }));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/prefix_embeds dim 1/);
    await writeFile(join(dir, 'sn21.json'), JSON.stringify({ ...config, eos_token_ids: [999] }));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/eos id 999 is not in the vocabulary/);
    await writeFile(join(dir, 'sn21.json'), JSON.stringify({ ...config, prompt_template: 'no video here' }));
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(
      /prompt_template: must contain \{video\}/,
    );
    await writeFile(join(dir, 'sn21.json'), '{ not json');
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/sn21.json: not JSON/);
  });

  it('refuses a decoder without the KV-cache inputs, or with extra required inputs', async () => {
    const noCache = buildModel({
      name: 'nocache',
      inputs: [{ name: 'inputs_embeds', type: 'float32', shape: ['b', 's', 16] }],
      outputs: [{ name: 'logits', shape: ['b', 's', 54] }],
      nodes: [{ op: 'Identity', inputs: ['inputs_embeds'], outputs: ['logits'] }],
      initializers: [],
    });
    await writeFile(join(dir, 'onnx/decoder_model_merged.onnx'), noCache);
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(/KV cache/);
    const extra = buildModel({
      name: 'extra',
      inputs: [
        { name: 'input_ids', type: 'int64', shape: ['b', 's'] },
        { name: 'token_type_ids', type: 'int64', shape: ['b', 's'] },
      ],
      outputs: [{ name: 'inputs_embeds', shape: ['b', 's', 16] }],
      nodes: [{ op: 'Identity', inputs: ['input_ids'], outputs: ['inputs_embeds'] }],
      initializers: [],
    });
    await writeFile(join(dir, 'onnx/embed_tokens.onnx'), extra);
    expect(contractError(() => checkModelFolder(dir)).message).toMatch(
      /inputs outside the contract: token_type_ids/,
    );
  });

  it('enforces the size limits', () => {
    expect(contractError(() => checkModelFolder(dir, { limits: { maxGraphBytes: 1000 } })).message).toMatch(
      /more than the 1000 allowed for one graph/,
    );
    expect(
      contractError(() => checkModelFolder(dir, { limits: { maxModelBytes: 100_000 } })).message,
    ).toMatch(/model files hold \d+ bytes, more than the 100000/);
    expect(contractError(() => checkModelFolder(dir, { limits: { maxJsonBytes: 10 } })).message).toMatch(
      /sn21.json: \d+ bytes, more than the 10 allowed/,
    );
  });
});
