// The subset of snarkjs 0.7 this package calls; snarkjs ships no type declarations.
declare module 'snarkjs' {
  export type NumericString = string;
  export interface Groth16ProofJson {
    pi_a: NumericString[];
    pi_b: NumericString[][];
    pi_c: NumericString[];
    protocol: string;
    curve: string;
  }
  export interface MemFile {
    type: 'mem';
    data?: Uint8Array;
  }
  export interface Logger {
    info(msg: string): void;
    error(msg: string): void;
    debug(msg: string): void;
    warn(msg: string): void;
  }
  export interface CurvePoint {
    readonly length: number;
  }
  export interface G1Group {
    fromObject(obj: bigint[]): Uint8Array;
    multiExpAffine(points: Uint8Array, scalars: Uint8Array): Promise<Uint8Array>;
    add(a: Uint8Array, b: Uint8Array): Uint8Array;
    neg(a: Uint8Array): Uint8Array;
    isValid(a: Uint8Array): boolean;
    F: { n8: number };
  }
  export interface G2Group {
    fromObject(obj: bigint[][]): Uint8Array;
    isValid(a: Uint8Array): boolean;
  }
  export interface Curve {
    G1: G1Group;
    G2: G2Group;
    Fr: { n8: number };
    r: bigint;
    pairingEq(...points: Uint8Array[]): Promise<boolean>;
    terminate(): Promise<void>;
  }
  export const groth16: {
    fullProve(
      input: Record<string, unknown>,
      wasmFile: string | Uint8Array,
      zkeyFile: string | Uint8Array,
    ): Promise<{ proof: Groth16ProofJson; publicSignals: NumericString[] }>;
    verify(vk: unknown, publicSignals: NumericString[], proof: unknown, logger?: Logger): Promise<boolean>;
  };
  export const wtns: {
    calculate(input: Record<string, unknown>, wasmFile: string, wtnsFile: string | MemFile): Promise<void>;
    exportJson(wtnsFile: string | MemFile): Promise<bigint[]>;
    check(r1csFile: string, wtnsFile: string | MemFile, logger?: Logger): Promise<boolean>;
  };
  export const r1cs: {
    exportJson(r1csFile: string): Promise<R1csJson>;
  };
  export interface R1csJson {
    n8: number;
    prime: string;
    nVars: number;
    nOutputs: number;
    nPubInputs: number;
    nPrvInputs: number;
    nLabels: number;
    nConstraints: number;
    constraints: Array<[Record<string, string>, Record<string, string>, Record<string, string>]>;
  }
  export const zKey: {
    newZKey(r1csFile: string, ptauFile: string, zkeyFile: string, logger?: Logger): Promise<unknown>;
    beacon(
      oldZkey: string,
      newZkey: string,
      name: string,
      beaconHashHex: string,
      numIterationsExp: number,
      logger?: Logger,
    ): Promise<unknown>;
    exportVerificationKey(zkeyFile: string): Promise<Record<string, unknown>>;
  };
  export const curves: {
    getCurveFromName(name: string): Promise<Curve>;
  };
}
