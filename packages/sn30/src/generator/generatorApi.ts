import { z } from 'zod';

/**
 * The generator's HTTP API (docs/sn30.md), version 1:
 *
 *   POST /v1/generate   body: GenerationInputsWire (JSON, ≤ 64 KiB)
 *                       200: application/octet-stream — the frames safetensors (key `frames`,
 *                            F32 [N, 1, 4, H/8, W/8]); headers x-generation-id, x-frames-sha256
 *                            (hex sha256 of the body), x-generation-ms
 *                       400 bad inputs · 413 body too large · 503 queue full (retry-after) · 500
 *   GET  /v1/info       GeneratorInfo
 *   GET  /healthz       { ok, device, model, queueDepth, inFlight }
 *   GET  /metrics       Prometheus text
 *
 * Errors are JSON: { error: { code, message, hint } }.
 */
export const GENERATOR_API_VERSION = 1;
export const MAX_REQUEST_BYTES = 64 * 1024;

export const generatorInfoSchema = z.object({
  api: z.literal(GENERATOR_API_VERSION),
  /** modelIdentity(): what miner and validator must agree on. */
  model: z.string(),
  precision: z.enum(['fp32', 'fp16']),
  device: z.string(),
  controlnet: z.boolean(),
  noise: z.string(),
  concurrency: z.number().int().positive(),
  queueLimit: z.number().int().nonnegative(),
  minSize: z.number().int().positive(),
});
export type GeneratorInfo = z.infer<typeof generatorInfoSchema>;

export const generatorErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().nullable().optional() }),
});

export const HEADER_ID = 'x-generation-id';
export const HEADER_SHA256 = 'x-frames-sha256';
export const HEADER_MS = 'x-generation-ms';
