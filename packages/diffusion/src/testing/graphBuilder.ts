import { type GraphSpec, type NodeSpec, seededWeights } from '@taonode/inference/testing';

/** Accumulates nodes and initializers with generated names, so the tiny graphs read as dataflow. */
export class GraphBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: GraphSpec['initializers'] = [];
  private count = 0;

  constructor(
    private readonly prefix: string,
    private readonly quantizeBits?: number,
  ) {}

  private name(hint: string): string {
    return `${this.prefix}_${hint}_${this.count++}`;
  }

  /** Seeded uniform weights in [−scale, scale] (optionally rounded to a `quantizeBits` grid). */
  weight(dims: number[], seed: number, scale: number): string {
    const name = this.name('w');
    const data = seededWeights(
      dims.reduce((a, b) => a * b, 1),
      seed,
      scale,
    );
    if (this.quantizeBits !== undefined) {
      // A per-tensor symmetric integer grid: what an int8 weight export does to the values.
      const levels = 2 ** (this.quantizeBits - 1) - 1;
      for (let i = 0; i < data.length; i++)
        data[i] = (Math.round((data[i]! / scale) * levels) / levels) * scale;
    }
    this.initializers.push({ name, dims, data });
    return name;
  }

  constant(dims: number[], data: Float32Array): string {
    const name = this.name('c');
    this.initializers.push({ name, dims, data });
    return name;
  }

  ints(values: number[]): string {
    const name = this.name('i');
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  op(op: string, inputs: string[], attributes?: NodeSpec['attributes'], output?: string): string {
    const out = output ?? this.name(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [out], ...(attributes ? { attributes } : {}) });
    return out;
  }

  silu(x: string): string {
    return this.op('Mul', [x, this.op('Sigmoid', [x])]);
  }

  /** Sinusoidal embedding of the last axis (size 1) with `half` frequencies: [..., 1] → [..., 2·half]. */
  sinusoid(x: string, rank: number, half: number): string {
    const freqs = Float32Array.from({ length: half }, (_, j) => Math.exp((-Math.log(10000) * j) / half));
    const dims = [...Array.from({ length: rank - 1 }, () => 1), half];
    const args = this.op('Mul', [x, this.constant(dims, freqs)]);
    return this.op('Concat', [this.op('Sin', [args]), this.op('Cos', [args])], { axis: -1 });
  }
}
