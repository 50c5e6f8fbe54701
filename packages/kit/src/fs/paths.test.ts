import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandHome, findRepoRoot } from './paths.js';

describe('paths', () => {
  it('expands ~ and resolves everything else to an absolute path', () => {
    expect(expandHome('~', '/home/op')).toBe('/home/op');
    expect(expandHome('~/.bittensor/wallets', '/home/op')).toBe('/home/op/.bittensor/wallets');
    expect(expandHome('/abs/x', '/home/op')).toBe('/abs/x');
    expect(expandHome('rel/x', '/home/op')).toBe(resolve('rel/x'));
    // `~user` is not ours to expand.
    expect(expandHome('~other/x', '/home/op')).toBe(resolve('~other/x'));
  });

  it('finds the checkout root from a file or a folder inside it', () => {
    const root = findRepoRoot();
    expect(root).toBeDefined();
    expect(existsSync(join(root!, 'pnpm-workspace.yaml'))).toBe(true);
    expect(findRepoRoot(root!)).toBe(root);
    expect(findRepoRoot(join(root!, 'packages', 'kit', 'src'))).toBe(root);
    expect(findRepoRoot('/')).toBeUndefined();
  });
});
