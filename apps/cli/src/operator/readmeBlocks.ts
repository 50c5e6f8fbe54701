/**
 * The README's operator commands, as the README test runs them. A block is a fenced `sh` code block
 * right after a marker line:
 *
 *   <!-- operator-test: register -->
 *   ```sh
 *   ./taonode subnet register …
 *   ```
 *
 * `<!-- operator-test: localnet background -->` marks a block that keeps running (the local chain)
 * while the next ones run.
 */
export interface OperatorBlock {
  name: string;
  background: boolean;
  /** The block's text exactly as written in the README. */
  script: string;
  /** 1-based line of the marker, for error messages. */
  line: number;
}

export class ReadmeBlockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadmeBlockError';
  }
}

const MARKER = /^<!--\s*operator-test:\s*([a-z0-9-]+)(\s+background)?\s*-->\s*$/;
const FENCE_OPEN = /^```(?:sh|bash|shell)\s*$/;

/** Every marked block in README order; a marker not followed by a `sh` fence is an error. */
export function operatorBlocks(markdown: string): OperatorBlock[] {
  const lines = markdown.split('\n');
  const blocks: OperatorBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!.trim());
    if (marker === null) continue;
    const name = marker[1]!;
    if (!FENCE_OPEN.test(lines[i + 1]?.trim() ?? '')) {
      throw new ReadmeBlockError(
        `README line ${i + 1}: marker '${name}' must be followed by a \`\`\`sh block`,
      );
    }
    const end = lines.findIndex((l, j) => j > i + 1 && l.trim() === '```');
    if (end === -1) throw new ReadmeBlockError(`README line ${i + 2}: block '${name}' is never closed`);
    if (blocks.some((b) => b.name === name)) {
      throw new ReadmeBlockError(`README line ${i + 1}: block '${name}' is marked twice`);
    }
    blocks.push({
      name,
      background: marker[2] !== undefined,
      script: `${lines.slice(i + 2, end).join('\n')}\n`,
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

/**
 * The blocks named `expected`, in that order. A missing, extra or reordered block fails here, so
 * the README and its test cannot drift apart silently.
 */
export function expectOperatorBlocks(
  markdown: string,
  expected: readonly string[],
): Map<string, OperatorBlock> {
  const blocks = operatorBlocks(markdown);
  const names = blocks.map((b) => b.name);
  if (names.join(',') !== expected.join(',')) {
    throw new ReadmeBlockError(
      `README operator blocks are [${names.join(', ')}], the test expects [${expected.join(', ')}]: update both together`,
    );
  }
  return new Map(blocks.map((b) => [b.name, b]));
}
