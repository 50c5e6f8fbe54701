import { defineSynapse } from '@taonode/transport';
import { z } from 'zod';

/** Wire-compatible with the bittensor-subnet-template `Dummy` synapse. */
export const Dummy = defineSynapse(
  'Dummy',
  z.object({
    dummy_input: z.number().int(),
    dummy_output: z.number().int().nullable().default(null),
  }),
  { requiredHashFields: ['dummy_input'], deserialize: (s) => s.dummy_output },
);
