/**
 * A full disk, simulated for one folder: loaded into a daemon with `node --import <this file>`, it
 * makes every write under TAONODE_SOAK_ENOSPC_DIR fail with ENOSPC while the file named by
 * TAONODE_SOAK_ENOSPC_FLAG exists. Opening still works (a full disk fails the write, not the
 * open), so a writer's clean-up of its half-made temp file is exercised too. Nothing in the daemon
 * changes; without both variables this module does nothing. Used by `pnpm soak --chaos`.
 *
 * Patched: fs/promises open (and the FileHandle it returns), writeFile, appendFile; the callback and
 * sync forms of open/write/writev/writeFile/appendFile, which createWriteStream goes through.
 * ESM imports of node:fs see the patch through syncBuiltinESMExports().
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type AnyFn = (...args: unknown[]) => unknown;

const dirVar = process.env.TAONODE_SOAK_ENOSPC_DIR;
const flagVar = process.env.TAONODE_SOAK_ENOSPC_FLAG;

if (dirVar && flagVar) await install(resolve(dirVar), flagVar);

async function install(dir: string, flagFile: string): Promise<void> {
  const existsSync = fs.existsSync;
  const full = () => existsSync(flagFile);
  const under = (p: unknown): p is fs.PathLike => {
    if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return false;
    const abs = resolve(p instanceof URL ? fileURLToPath(p) : p.toString());
    return abs === dir || abs.startsWith(dir + sep);
  };
  const doomedHandles = new WeakSet<object>();
  const doomedFds = new Set<number>();

  // --- promises
  const handle = await fsp.open(fileURLToPath(import.meta.url), 'r');
  const handleProto = Object.getPrototypeOf(handle) as Record<string, AnyFn>;
  await handle.close();
  for (const method of ['write', 'writev', 'writeFile', 'appendFile']) {
    const original = handleProto[method]!;
    handleProto[method] = function (this: object, ...args: unknown[]) {
      if (doomedHandles.has(this) && full()) return Promise.reject(enospc('write'));
      return original.apply(this, args);
    };
  }
  const fspRec = fsp as unknown as Record<string, AnyFn>;
  const open = fsp.open;
  fspRec.open = async (path: unknown, flags?: unknown, mode?: unknown) => {
    const h = await open(path as fs.PathLike, flags as string | number, mode as fs.Mode);
    if (under(path) && writes(flags as string | number | undefined)) doomedHandles.add(h);
    return h;
  };
  for (const name of ['writeFile', 'appendFile']) {
    const original = fspRec[name]!;
    fspRec[name] = (file: unknown, ...rest: unknown[]) =>
      under(file) && full() ? Promise.reject(enospc('write', file)) : original(file, ...rest);
  }

  // --- callbacks and sync (createWriteStream uses fs.open and fs.write)
  const fsRec = fs as unknown as Record<string, AnyFn>;
  const openCb = fsRec.open!;
  fsRec.open = (path: unknown, ...rest: unknown[]) => {
    const cb = rest.pop() as (err: Error | null, fd?: number) => void;
    const flags = typeof rest[0] === 'function' ? undefined : rest[0];
    return openCb(path, ...rest, (err: Error | null, fd?: number) => {
      if (!err && fd !== undefined && under(path) && writes(flags as string | number | undefined)) {
        doomedFds.add(fd);
      }
      cb(err, fd);
    });
  };
  const openSync = fsRec.openSync!;
  fsRec.openSync = (path: unknown, flags?: unknown, ...rest: unknown[]) => {
    const fd = openSync(path, flags, ...rest) as number;
    if (under(path) && writes(flags as string | number | undefined)) doomedFds.add(fd);
    return fd;
  };
  for (const name of ['close', 'closeSync']) {
    const original = fsRec[name]!;
    fsRec[name] = (fd: unknown, ...rest: unknown[]) => {
      doomedFds.delete(fd as number);
      return original(fd, ...rest);
    };
  }
  for (const name of ['write', 'writev']) {
    const original = fsRec[name]!;
    fsRec[name] = (fd: unknown, ...rest: unknown[]) => {
      if (doomedFds.has(fd as number) && full()) {
        const cb = rest.at(-1);
        if (typeof cb === 'function') process.nextTick(cb as AnyFn, enospc('write'));
        return undefined;
      }
      return original(fd, ...rest);
    };
  }
  for (const name of ['writeSync', 'writevSync']) {
    const original = fsRec[name]!;
    fsRec[name] = (fd: unknown, ...rest: unknown[]) => {
      if (doomedFds.has(fd as number) && full()) throw enospc('write');
      return original(fd, ...rest);
    };
  }
  for (const name of ['writeFile', 'appendFile']) {
    const original = fsRec[name]!;
    fsRec[name] = (file: unknown, ...rest: unknown[]) => {
      if ((under(file) || doomedFds.has(file as number)) && full()) {
        const cb = rest.at(-1);
        if (typeof cb === 'function') process.nextTick(cb as AnyFn, enospc('write', file));
        return undefined;
      }
      return original(file, ...rest);
    };
  }
  for (const name of ['writeFileSync', 'appendFileSync']) {
    const original = fsRec[name]!;
    fsRec[name] = (file: unknown, ...rest: unknown[]) => {
      if ((under(file) || doomedFds.has(file as number)) && full()) throw enospc('write', file);
      return original(file, ...rest);
    };
  }
  syncBuiltinESMExports();
}

/** Whether open flags allow writing (the default, 'r', does not). */
function writes(flags: string | number | undefined): boolean {
  if (flags === undefined) return false;
  if (typeof flags === 'string') return /[wa+]/.test(flags);
  const { O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_TRUNC } = fs.constants;
  return (flags & (O_WRONLY | O_RDWR | O_APPEND | O_CREAT | O_TRUNC)) !== 0;
}

function enospc(syscall: string, path?: unknown): NodeJS.ErrnoException {
  const where = typeof path === 'string' ? ` '${path}'` : '';
  const err: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, ${syscall}${where}`);
  err.code = 'ENOSPC';
  err.errno = -28;
  err.syscall = syscall;
  if (typeof path === 'string') err.path = path;
  return err;
}
