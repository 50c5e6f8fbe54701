import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { candidateDevices, type Device, providerHint, type ResolvedDevice } from './device.js';
import { InferenceError, ModelLoadError, ProviderUnavailableError } from './errors.js';

export interface CreateSessionOptions {
  /** `auto` (default): CUDA on Linux when its provider libraries load, CoreML on macOS, else CPU. */
  device?: Device;
  /** Intra-op threads for the CPU provider; ONNX Runtime's default (all cores) when omitted. */
  threads?: number;
  /** Called when `auto` skips a provider, with the reason, so daemons can log why they run on CPU. */
  onFallback?: (skipped: ResolvedDevice, reason: string) => void;
  /** Platform to plan for; tests override it. */
  platform?: NodeJS.Platform;
}

export interface ModelSession {
  /** The provider the session runs on. */
  readonly device: ResolvedDevice;
  readonly session: ort.InferenceSession;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  release(): Promise<void>;
}

/** Providers compiled into this onnxruntime-node build for this platform (cuda only after its download). */
export function listBackends(): { name: string; bundled: boolean }[] {
  return ort.listSupportedBackends();
}

/**
 * onnxruntime-node's install step drops the CUDA provider libraries beside its binding; when they
 * are absent (installed with ONNXRUNTIME_NODE_INSTALL=skip, or no internet) say so before ORT tries.
 */
function missingCudaLibrary(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
  const binDir = join(dirname(entry), '..', 'bin', 'napi-v6', 'linux', process.arch);
  const lib = 'libonnxruntime_providers_cuda.so';
  return existsSync(join(binDir, lib)) ? undefined : `${lib} is not installed beside onnxruntime-node`;
}

function describe(model: string | Uint8Array): string {
  return typeof model === 'string' ? model : `(in-memory model, ${model.byteLength} bytes)`;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // ORT messages carry long native stack context; the first line says what failed.
  return text.split('\n')[0]?.slice(0, 400) ?? text;
}

async function open(
  model: string | Uint8Array,
  device: ResolvedDevice,
  threads: number | undefined,
): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    // taonode's device names are ORT's provider names.
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    // A provider that fails to load is reported by us with a hint; keep ORT's own log quiet.
    logSeverityLevel: device === 'cpu' ? 2 : 4,
  };
  if (threads !== undefined) options.intraOpNumThreads = threads;
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, options)
    : ort.InferenceSession.create(model, options);
}

function isProviderFailure(device: ResolvedDevice, message: string): boolean {
  if (device === 'cpu') return false;
  return /provider|shared library|\.so|\.dylib|\.dll|cuda|coreml|not supported|backend/i.test(message);
}

/**
 * Opens an ONNX model on the requested device. An explicit `cuda`/`coreml` that cannot load throws
 * ProviderUnavailableError (with how to get it); `auto` falls back to the next candidate and reports
 * why through `onFallback`. A model that fails on the CPU provider throws ModelLoadError.
 */
export async function createSession(
  model: string | Uint8Array,
  options: CreateSessionOptions = {},
): Promise<ModelSession> {
  const requested = options.device ?? 'auto';
  const platform = options.platform ?? process.platform;
  const candidates = candidateDevices(requested, platform);
  const supported = new Set(listBackends().map((b) => b.name));
  for (const device of candidates) {
    const last = device === candidates[candidates.length - 1];
    const skip = (reason: string, cause?: unknown): void => {
      if (requested !== 'auto' || last) {
        throw new ProviderUnavailableError(device, reason, providerHint(device, platform), { cause });
      }
      options.onFallback?.(device, reason);
    };
    if (device !== 'cpu' && (platform !== process.platform || !supported.has(device))) {
      skip(`this onnxruntime-node build has no ${device} provider on ${platform}-${process.arch}`);
      continue;
    }
    const missing = device === 'cuda' && platform === process.platform ? missingCudaLibrary() : undefined;
    if (missing !== undefined) {
      skip(missing);
      continue;
    }
    let session: ort.InferenceSession;
    try {
      session = await open(model, device, options.threads);
    } catch (err) {
      const message = errorText(err);
      if (isProviderFailure(device, message)) {
        skip(message, err);
        continue;
      }
      throw new ModelLoadError(describe(model), message, { cause: err });
    }
    return {
      device,
      session,
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      release: () => session.release(),
    };
  }
  throw new InferenceError('NO_DEVICE', `no execution provider could be used for device "${requested}"`);
}
