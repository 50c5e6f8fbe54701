import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Minimal helpers to write ONNX graphs from TypeScript (no Python), used for test stand-in models. */
export type Dim = number | string;

export type ElemType = 'float32' | 'float16' | 'int64';

export interface GraphSpec {
  name: string;
  inputs: { name: string; type: ElemType; shape: Dim[] }[];
  /** Outputs are float32 unless a type is given. */
  outputs: { name: string; shape: Dim[]; type?: ElemType }[];
  nodes: NodeSpec[];
  /** Float32Array → FLOAT, BigInt64Array → INT64 (e.g. Reshape targets). */
  initializers: { name: string; dims: number[]; data: Float32Array | BigInt64Array }[];
  /** Written into the model's metadata_props (e.g. the contract version). */
  metadata?: Record<string, string>;
  /** Operator sets; the default is the standard domain at opset 17. */
  opsetImports?: { domain: string; version: number }[];
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, number | number[]>;
  /** Operator domain; the standard ONNX domain when omitted. */
  domain?: string;
}

const elemType = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
} as const;

function valueInfo(name: string, type: ElemType, shape: Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: elemType[type],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function attribute(name: string, value: number | number[]) {
  if (Array.isArray(value)) {
    return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: value });
  }
  if (Number.isInteger(value)) {
    return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
  }
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value });
}

/** Serialises a graph as an ONNX model (IR 8, opset 17) ready for onnxruntime. */
export function buildModel(spec: GraphSpec): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: spec.name,
    input: spec.inputs.map((i) => valueInfo(i.name, i.type, i.shape)),
    output: spec.outputs.map((o) => valueInfo(o.name, o.type ?? 'float32', o.shape)),
    node: spec.nodes.map((n, k) =>
      onnx.NodeProto.create({
        name: `${n.op}_${k}`,
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        ...(n.domain === undefined ? {} : { domain: n.domain }),
        attribute: Object.entries(n.attributes ?? {}).map(([name, v]) => attribute(name, v)),
      }),
    ),
    initializer: spec.initializers.map((t) =>
      onnx.TensorProto.create({
        name: t.name,
        dims: t.dims,
        dataType:
          t.data instanceof BigInt64Array ? onnx.TensorProto.DataType.INT64 : onnx.TensorProto.DataType.FLOAT,
        // ONNX raw_data is little-endian, like every platform Node runs on.
        rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      }),
    ),
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'taonode',
    opsetImport: spec.opsetImports ?? [{ domain: '', version: 17 }],
    graph,
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Deterministic uniform weights in [-scale, scale] (mulberry32), so generated models are reproducible. */
export function seededWeights(count: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  let a = seed >>> 0;
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = (r * 2 - 1) * scale;
  }
  return out;
}
