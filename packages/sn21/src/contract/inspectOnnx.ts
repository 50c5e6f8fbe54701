import { type FileBytes, fieldString, fields, type ProtoField, ProtoFormatError } from './protoReader.js';

/** ONNX TensorProto element types that the contract names. */
export const ONNX_TYPES = {
  1: 'float32',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
} as const;

export interface OnnxValueInfo {
  name: string;
  /** 'float32', 'int64', … or `type<N>` for others, undefined when not a tensor. */
  type: string | undefined;
  /** Each dim: a fixed size, a symbolic name, or undefined (unknown); undefined when the rank is unknown. */
  dims: (number | string | undefined)[] | undefined;
}

export interface OnnxSummary {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Names of the main graph's initializers (inputs with one are optional). */
  initializers: Set<string>;
  /** Every (domain, op type) used by a node, in the main graph, its subgraphs and local functions. */
  ops: { domain: string; op: string }[];
  /** Model-local functions by `domain:name`. */
  functions: { domain: string; name: string; ops: { domain: string; op: string }[] }[];
  /** `location` of every tensor stored as external data. */
  externalData: string[];
}

// Field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, …).
const MODEL = { irVersion: 1, opset: 8, graph: 7, functions: 25 };
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, sparseInitializer: 15 };
const NODE = { opType: 4, attribute: 5, domain: 7 };
const ATTR = { t: 5, g: 6, tensors: 10, graphs: 11, sparse: 22, sparseList: 23 };
const TENSOR = { name: 8, externalData: 13 };
const FUNCTION = { name: 1, node: 7, domain: 10 };

interface Walk {
  ops: Map<string, { domain: string; op: string }>;
  externalData: string[];
}

function tensor(src: FileBytes, f: ProtoField, walk: Walk): string | undefined {
  let name: string | undefined;
  for (const t of fields(src, f.start, f.end)) {
    if (t.field === TENSOR.name && t.wire === 2) name = fieldString(src, t);
    else if (t.field === TENSOR.externalData && t.wire === 2) {
      let key = '';
      let value = '';
      for (const kv of fields(src, t.start, t.end)) {
        if (kv.field === 1) key = fieldString(src, kv);
        else if (kv.field === 2) value = fieldString(src, kv);
      }
      if (key === 'location') walk.externalData.push(value);
    }
  }
  return name;
}

function sparseTensor(src: FileBytes, f: ProtoField, walk: Walk): string | undefined {
  let name: string | undefined;
  for (const s of fields(src, f.start, f.end)) {
    if ((s.field === 1 || s.field === 2) && s.wire === 2) name = tensor(src, s, walk) ?? name;
  }
  return name;
}

function node(src: FileBytes, f: ProtoField, walk: Walk): void {
  let op = '';
  let domain = '';
  for (const n of fields(src, f.start, f.end)) {
    if (n.field === NODE.opType) op = fieldString(src, n);
    else if (n.field === NODE.domain) domain = fieldString(src, n);
    else if (n.field === NODE.attribute && n.wire === 2) {
      for (const a of fields(src, n.start, n.end)) {
        if ((a.field === ATTR.g || a.field === ATTR.graphs) && a.wire === 2) graph(src, a, walk, undefined);
        else if ((a.field === ATTR.t || a.field === ATTR.tensors) && a.wire === 2) tensor(src, a, walk);
        else if ((a.field === ATTR.sparse || a.field === ATTR.sparseList) && a.wire === 2)
          sparseTensor(src, a, walk);
      }
    }
  }
  walk.ops.set(`${domain}\u0000${op}`, { domain, op });
}

function valueInfo(src: FileBytes, f: ProtoField): OnnxValueInfo {
  let name = '';
  let type: string | undefined;
  let dims: OnnxValueInfo['dims'];
  for (const v of fields(src, f.start, f.end)) {
    if (v.field === 1) name = fieldString(src, v);
    else if (v.field === 2 && v.wire === 2) {
      for (const t of fields(src, v.start, v.end)) {
        if (t.field !== 1 || t.wire !== 2) continue; // only tensor_type
        for (const tt of fields(src, t.start, t.end)) {
          if (tt.field === 1 && tt.wire === 0) {
            type = ONNX_TYPES[tt.value as keyof typeof ONNX_TYPES] ?? `type${tt.value}`;
          } else if (tt.field === 2 && tt.wire === 2) {
            dims = [];
            for (const d of fields(src, tt.start, tt.end)) {
              if (d.field !== 1 || d.wire !== 2) continue;
              let dim: number | string | undefined;
              for (const dv of fields(src, d.start, d.end)) {
                if (dv.field === 1 && dv.wire === 0) dim = dv.value;
                else if (dv.field === 2 && dv.wire === 2) dim = fieldString(src, dv);
              }
              dims.push(dim);
            }
          }
        }
      }
    }
  }
  return { name, type, dims };
}

interface GraphIo {
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: Set<string>;
}

function graph(src: FileBytes, f: ProtoField, walk: Walk, io: GraphIo | undefined): void {
  for (const g of fields(src, f.start, f.end)) {
    if (g.wire !== 2) continue;
    if (g.field === GRAPH.node) node(src, g, walk);
    else if (g.field === GRAPH.initializer) {
      const name = tensor(src, g, walk);
      if (io && name !== undefined) io.initializers.add(name);
    } else if (g.field === GRAPH.sparseInitializer) {
      const name = sparseTensor(src, g, walk);
      if (io && name !== undefined) io.initializers.add(name);
    } else if (io && g.field === GRAPH.input) io.inputs.push(valueInfo(src, g));
    else if (io && g.field === GRAPH.output) io.outputs.push(valueInfo(src, g));
  }
}

/**
 * Reads what the contract checks from an ONNX model without loading its weights: IR and opset
 * versions, the main graph's inputs/outputs with declared shapes, every operator (including those
 * in subgraphs of If/Loop/Scan and in model-local functions) and external-data locations.
 * Throws ProtoFormatError when the bytes are not a well-formed ModelProto.
 */
export function inspectOnnx(src: FileBytes): OnnxSummary {
  const walk: Walk = { ops: new Map(), externalData: [] };
  const io: GraphIo = { inputs: [], outputs: [], initializers: new Set() };
  let irVersion = 0;
  let sawGraph = false;
  const opsets: OnnxSummary['opsets'] = [];
  const functions: OnnxSummary['functions'] = [];
  for (const m of fields(src, 0, src.size)) {
    if (m.field === MODEL.irVersion && m.wire === 0) irVersion = m.value;
    else if (m.field === MODEL.opset && m.wire === 2) {
      let domain = '';
      let version = 0;
      for (const o of fields(src, m.start, m.end)) {
        if (o.field === 1) domain = fieldString(src, o);
        else if (o.field === 2 && o.wire === 0) version = o.value;
      }
      opsets.push({ domain, version });
    } else if (m.field === MODEL.graph && m.wire === 2) {
      sawGraph = true;
      graph(src, m, walk, io);
    } else if (m.field === MODEL.functions && m.wire === 2) {
      const fnWalk: Walk = { ops: new Map(), externalData: walk.externalData };
      let name = '';
      let domain = '';
      for (const fn of fields(src, m.start, m.end)) {
        if (fn.field === FUNCTION.name) name = fieldString(src, fn);
        else if (fn.field === FUNCTION.domain) domain = fieldString(src, fn);
        else if (fn.field === FUNCTION.node && fn.wire === 2) node(src, fn, fnWalk);
      }
      functions.push({ domain, name, ops: [...fnWalk.ops.values()] });
    }
  }
  if (!sawGraph || irVersion <= 0) throw new ProtoFormatError('not an ONNX model (no graph or IR version)');
  return {
    irVersion,
    opsets,
    inputs: io.inputs,
    outputs: io.outputs,
    initializers: io.initializers,
    ops: [...walk.ops.values()],
    functions,
    externalData: walk.externalData,
  };
}
