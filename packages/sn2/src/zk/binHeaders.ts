import { closeSync, openSync, readSync } from 'node:fs';

/** Reads the section table of an iden3 binary file (r1cs, ptau, wtns, zkey). */
function readSection(path: string, magic: string, type: number, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(12);
    readSync(fd, head, 0, 12, 0);
    if (head.toString('ascii', 0, 4) !== magic) throw new Error(`${path} is not a ${magic} file`);
    const nSections = head.readUInt32LE(8);
    let pos = 12;
    const sh = Buffer.alloc(12);
    for (let i = 0; i < nSections; i++) {
      readSync(fd, sh, 0, 12, pos);
      const t = sh.readUInt32LE(0);
      const size = Number(sh.readBigUInt64LE(4));
      if (t === type) {
        const out = Buffer.alloc(Math.min(bytes, size));
        readSync(fd, out, 0, out.length, pos + 12);
        return out;
      }
      pos += 12 + size;
    }
    throw new Error(`${path} has no section ${type}`);
  } finally {
    closeSync(fd);
  }
}

export interface R1csHeader {
  wires: number;
  outputs: number;
  publicInputs: number;
  privateInputs: number;
  constraints: number;
}

export function readR1csHeader(path: string): R1csHeader {
  const h = readSection(path, 'r1cs', 1, 256);
  const n8 = h.readUInt32LE(0);
  const o = 4 + n8;
  return {
    wires: h.readUInt32LE(o),
    outputs: h.readUInt32LE(o + 4),
    publicInputs: h.readUInt32LE(o + 8),
    privateInputs: h.readUInt32LE(o + 12),
    constraints: h.readUInt32LE(o + 24),
  };
}

/** The power of a powers-of-tau file: it supports circuits up to 2^power constraints. */
export function readPtauPower(path: string): number {
  const h = readSection(path, 'ptau', 1, 256);
  const n8 = h.readUInt32LE(0);
  return h.readUInt32LE(4 + n8);
}
