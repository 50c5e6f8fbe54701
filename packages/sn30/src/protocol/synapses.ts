import { defineSynapse } from '@taonode/transport';
import { z } from 'zod';

/**
 * SN30 over the axon (spec §2.1, the reference's gRPC services as synapses). Our own protocol: the
 * reference's V3 speaks gRPC, so there is no Python peer to stay byte-compatible with.
 *
 *   Generate(inputs)   → { generation_id, frames_sha256 }   the miner keeps the frames, commits the hash
 *   Download(id)       → the frames safetensors, streamed as raw bytes (key `frames`, [N,1,4,H/8,W/8])
 *   Delete(id)         → { deleted }
 *   Info               → { role, spec_version, model, noise, min_size }
 *
 * A refused request answers with its HTTP status (the axon's ForwardRejection): 422 bad inputs, 404
 * unknown/expired id or another caller's id, 503 no generator or result store full.
 */
export const SN30_SPEC_VERSION = 1;
/** Versions a validator accepts from a miner (the reference accepts SPEC and SPEC−1). */
export const SUPPORTED_SPEC_VERSIONS: readonly number[] = [SN30_SPEC_VERSION, SN30_SPEC_VERSION - 1];

/** MINER_REQUEST_TIMEOUT of the reference: seconds a Generate may take. */
export const GENERATE_TIMEOUT_S = 60;
const MAX_TEXT = 4096;
const ID = z.string().max(64);

const text = z.string().max(MAX_TEXT);
const optionalText = text.nullable().default(null);

/**
 * The request inputs, field names of the reference's GenerationRequestInputs, flattened into the
 * synapse so each goes into the signed body hash. Types only here: the miner sanitises with its own
 * limits and refuses bad values with 422 naming the field.
 */
export const generateInputFields = {
  prompt: text,
  prompt_2: optionalText,
  width: z.int().nullable().default(null),
  height: z.int().nullable().default(null),
  num_inference_steps: z.int().nullable().default(null),
  guidance_scale: z.number().nullable().default(null),
  negative_prompt: optionalText,
  negative_prompt_2: optionalText,
  seed: z.int().nullable().default(null),
  controlnet_conditioning_scale: z.number().nullable().default(null),
};
const INPUT_FIELDS = Object.keys(generateInputFields) as (keyof typeof generateInputFields)[];

export const Generate = defineSynapse(
  'Generate',
  z.object({
    ...generateInputFields,
    generation_id: ID.nullable().default(null),
    /** Lowercase hex SHA-256 of the frames file the miner will serve for this id. */
    frames_sha256: z.string().max(64).nullable().default(null),
  }),
  { requiredHashFields: INPUT_FIELDS, timeoutS: GENERATE_TIMEOUT_S, maxBodyBytes: 64 * 1024 },
);

/** The answer is a stream of the frames file's bytes (no JSON, no base64). */
export const Download = defineSynapse('Download', z.object({ generation_id: ID }), {
  requiredHashFields: ['generation_id'],
  timeoutS: 60,
  maxBodyBytes: 16 * 1024,
});

export const Delete = defineSynapse(
  'Delete',
  z.object({ generation_id: ID, deleted: z.boolean().nullable().default(null) }),
  { requiredHashFields: ['generation_id'], timeoutS: 12, maxBodyBytes: 16 * 1024 },
);

export const Info = defineSynapse(
  'Info',
  z.object({
    role: z.enum(['miner', 'validator']).nullable().default(null),
    spec_version: z.int().nullable().default(null),
    /** modelIdentity() of the miner's model: must equal the validator's. */
    model: z.string().max(512).nullable().default(null),
    /** The noise layout (NOISE_LAYOUT_VERSION): replay needs the same. */
    noise: z.string().max(128).nullable().default(null),
    /** Smallest image side the miner accepts (512 in production; test models go lower). */
    min_size: z.int().nullable().default(null),
  }),
  { timeoutS: 12, maxBodyBytes: 16 * 1024 },
);
