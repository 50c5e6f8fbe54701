import type { CircuitDefinition } from '../circuits/definition.js';
import { publicSignalCount } from '../circuits/definition.js';
import { Sn2Error } from '../zk/errors.js';
import { circuitIdOf } from '../zk/setupGroth16.js';
import { PreparedVerificationKey, VerificationKeySchema } from './groth16Verifier.js';

export interface RegisteredCircuit {
  id: string;
  definition: CircuitDefinition;
  key: PreparedVerificationKey;
}

/**
 * The validator's circuit catalogue: circuit id (sha256 of the verification key file) → layout
 * and a verification key prepared once, reused for every proof.
 */
export class CircuitRegistry {
  private readonly circuits = new Map<string, RegisteredCircuit>();

  /** Registers a circuit from its verification key file text; returns its id. */
  async register(definition: CircuitDefinition, vkJson: string): Promise<string> {
    const id = circuitIdOf(vkJson);
    if (this.circuits.has(id)) return id;
    const vk = VerificationKeySchema.parse(JSON.parse(vkJson));
    if (vk.nPublic !== publicSignalCount(definition)) {
      throw new Sn2Error(
        `verification key has ${vk.nPublic} public signals; ${definition.name} has ${publicSignalCount(definition)}`,
      );
    }
    this.circuits.set(id, { id, definition, key: await PreparedVerificationKey.prepare(vk) });
    return id;
  }

  get(id: string): RegisteredCircuit | undefined {
    return this.circuits.get(id);
  }

  ids(): string[] {
    return [...this.circuits.keys()];
  }
}
