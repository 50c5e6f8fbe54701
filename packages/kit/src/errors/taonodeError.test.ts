import { describe, expect, it } from 'vitest';
import { CodedError, errorMessage, TaonodeError, walkCauses } from './taonodeError.js';

class DiskFullError extends TaonodeError {
  constructor(file: string, cause?: unknown) {
    super(`disk full writing ${file}`, { hint: 'free some space', details: { file }, cause });
  }
}

describe('TaonodeError', () => {
  it('carries name, code, hint, details and cause', () => {
    const inner = new Error('ENOSPC');
    const e = new DiskFullError('/x', inner);
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({
      name: 'DiskFullError',
      code: 'DiskFullError',
      message: 'disk full writing /x',
      hint: 'free some space',
      details: { file: '/x' },
      cause: inner,
    });
    expect(new TaonodeError('x', { code: 'X_CODE' }).code).toBe('X_CODE');
    expect(new TaonodeError('x').details).toEqual({});
  });

  it('walks the cause chain to a match or the innermost error, and survives cycles', () => {
    const root = new Error('root');
    const mid = new TaonodeError('mid', { cause: root });
    const top = new DiskFullError('/y', mid);
    expect(top.walk()).toBe(root);
    expect(top.walk((e) => e instanceof TaonodeError && e.message === 'mid')).toBe(mid);
    expect(top.walk((e) => e === 'nothing')).toBeUndefined();
    const a = new TaonodeError('a');
    const b = new TaonodeError('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(walkCauses(b)).toBe(a);
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(root)).toBe('root');
  });

  it('takes the positional form package bases use (code, message, hint, options)', () => {
    class ToolError extends CodedError {}
    class ToolMissingError extends ToolError {
      constructor(cause: unknown) {
        super('TOOL_MISSING', 'tool not found', 'install it', { cause, details: { tool: 'x' } });
      }
    }
    const e = new ToolMissingError('ENOENT');
    expect(e).toBeInstanceOf(TaonodeError);
    expect(e).toMatchObject({
      name: 'ToolMissingError',
      code: 'TOOL_MISSING',
      hint: 'install it',
      details: { tool: 'x' },
    });
    expect(e.cause).toBe('ENOENT');
    expect(new ToolError('C', 'm').hint).toBeUndefined();
  });
});
