import { z } from 'zod';
import { defineSynapse } from './defineSynapse.js';

/** The SDK's plain `bt.Synapse`: no fields. Every axon serves it as an authenticated ping. */
export const BaseSynapse = defineSynapse('Synapse', z.object({}));
