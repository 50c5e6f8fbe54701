import { type ModelSession, Tensor } from '@taonode/inference';
import { ModelContractError } from '../errors.js';
import { fromFloat16, toFloat16 } from '../frames/float16.js';

/** A float input given as float32; converted to the graph's own dtype (fp16 exports) on the way in. */
export interface FloatFeed {
  data: Float32Array;
  dims: readonly number[];
}

export type Feed = FloatFeed | { int64: BigInt64Array; dims: readonly number[] };

/**
 * One ONNX graph of the pipeline with its contract checked at load: every name the manifest promises
 * exists, with a float or int64 type. Float tensors cross this boundary as float32 whatever the
 * export's precision, so the solver never sees fp16.
 */
export class GraphSession {
  private readonly inputs = new Map<string, { type: string }>();
  private readonly outputs = new Map<string, string>();

  constructor(
    readonly component: string,
    readonly model: ModelSession,
    contract: { inputs: readonly string[]; outputs: readonly string[] },
  ) {
    const meta = model.session.inputMetadata;
    model.inputNames.forEach((name, i) => {
      const m = meta[i];
      this.inputs.set(name, { type: m?.isTensor ? m.type : 'unknown' });
    });
    const outMeta = model.session.outputMetadata;
    model.outputNames.forEach((name, i) => {
      const m = outMeta[i];
      this.outputs.set(name, m?.isTensor ? m.type : 'unknown');
    });
    const missingIn = contract.inputs.filter((n) => !this.inputs.has(n));
    const missingOut = contract.outputs.filter((n) => !this.outputs.has(n));
    const extraIn = [...this.inputs.keys()].filter((n) => !contract.inputs.includes(n));
    if (missingIn.length > 0 || missingOut.length > 0 || extraIn.length > 0) {
      const parts = [
        missingIn.length ? `missing inputs ${missingIn.join(', ')}` : '',
        missingOut.length ? `missing outputs ${missingOut.join(', ')}` : '',
        extraIn.length ? `unexpected inputs ${extraIn.join(', ')}` : '',
      ].filter(Boolean);
      throw new ModelContractError(component, parts.join('; '), {
        expected: contract,
        actual: { inputs: model.inputNames, outputs: model.outputNames },
      });
    }
  }

  /** The dtype the graph declares for an input ('float32', 'float16', 'int64', …). */
  inputType(name: string): string {
    return this.inputs.get(name)?.type ?? 'unknown';
  }

  private tensor(name: string, feed: Feed): Tensor {
    const type = this.inputType(name);
    if ('int64' in feed) {
      if (type === 'float32' || type === 'float16') {
        const f = Float32Array.from(feed.int64, Number);
        return type === 'float16'
          ? new Tensor('float16', toFloat16(f), feed.dims)
          : new Tensor('float32', f, feed.dims);
      }
      return new Tensor('int64', feed.int64, feed.dims);
    }
    if (type === 'float16') return new Tensor('float16', toFloat16(feed.data), feed.dims);
    if (type === 'int64')
      return new Tensor(
        'int64',
        BigInt64Array.from(feed.data, (v) => BigInt(Math.round(v))),
        feed.dims,
      );
    if (type !== 'float32') {
      throw new ModelContractError(
        this.component,
        `input ${name} has type ${type}; expected float32, float16 or int64`,
      );
    }
    return new Tensor('float32', feed.data, feed.dims);
  }

  /** Runs the graph for the named outputs; float outputs come back as float32 with their dims. */
  async run(
    feeds: Record<string, Feed>,
    outputNames: readonly string[],
  ): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
    const tensors: Record<string, Tensor> = {};
    for (const [name, feed] of Object.entries(feeds)) tensors[name] = this.tensor(name, feed);
    const results = await this.model.session.run(tensors, [...outputNames]);
    const out: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
    for (const name of outputNames) {
      const t = results[name];
      if (t === undefined) throw new ModelContractError(this.component, `no output ${name}`);
      if (t.type === 'float32') out[name] = { data: t.data as Float32Array, dims: t.dims };
      else if (t.type === 'float16') {
        const raw = t.data as unknown;
        const bits = raw instanceof Uint16Array ? raw : new Uint16Array((raw as ArrayBufferView).buffer);
        out[name] = { data: fromFloat16(bits), dims: t.dims };
      } else
        throw new ModelContractError(this.component, `output ${name} has type ${t.type}; expected a float`);
    }
    return out;
  }

  release(): Promise<void> {
    return this.model.release();
  }
}
