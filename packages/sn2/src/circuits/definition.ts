/** A named group of public signals: an array of `size` elements, or a scalar when size is 1. */
export interface SignalGroup {
  name: string;
  size: number;
}

export type CircuitType = 'proof_of_weights' | 'proof_of_computation';

/**
 * What to compile and how its public signals are laid out. `outputs` and `publicInputs` mirror the
 * reference's settings.json `public_inputs.order` / `.sizes`: snarkjs lists outputs first, then
 * public inputs in template declaration order.
 */
export interface CircuitDefinition {
  name: string;
  type: CircuitType;
  /** File under `circuits/` that defines `template`. */
  source: string;
  template: string;
  args: number[];
  outputs: SignalGroup[];
  publicInputs: SignalGroup[];
}

export function publicSignalCount(def: CircuitDefinition): number {
  return [...def.outputs, ...def.publicInputs].reduce((n, g) => n + g.size, 0);
}

export function outputSignalCount(def: CircuitDefinition): number {
  return def.outputs.reduce((n, g) => n + g.size, 0);
}

/** The generated `main.circom`; part of the compile cache key. */
export function mainSource(def: CircuitDefinition): string {
  const names = def.publicInputs.map((g) => g.name).join(', ');
  return [
    'pragma circom 2.1.0;',
    `include "${def.source}";`,
    `component main {public [${names}]} = ${def.template}(${def.args.join(', ')});`,
    '',
  ].join('\n');
}
