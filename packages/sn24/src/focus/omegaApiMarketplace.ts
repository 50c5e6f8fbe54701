import { taoToRao } from '@taonode/chain';
import type { z } from 'zod';
import { FocusError } from './focusError.js';
import { basicAuthHeader } from './hotkeyAuth.js';
import type {
  FocusClaim,
  FocusListing,
  FocusMarketplace,
  FocusQuote,
  HotkeyCredentials,
  MalformedRecord,
  PurchaseClaims,
} from './marketplace.js';
import {
  errorBodySchema,
  FOCUS_PATHS,
  listResponseSchema,
  purchaseRecordSchema,
  purchaseResponseSchema,
  purchasesResponseSchema,
  verifyPurchaseResponseSchema,
} from './wire.js';

/** OMEGA's hosted validator API (spec §2.4b); testnet: `https://dev-sn24-api.omegatron.ai`. */
export const OMEGA_FOCUS_API = 'https://sn24-api.omegatron.ai';

export interface OmegaApiOptions {
  /** Base URL (default OMEGA_FOCUS_API); a self-hosted API or the stand-in. */
  url?: string;
  /** Per request (default 30 s; OMEGA's own script allows 60–90 s for purchase and verify). */
  timeoutMs?: number;
}

/**
 * The default marketplace client: the OMEGA validator API's Focus endpoints over HTTP, every body
 * parsed at the edge. OMEGA's hosted API rate-limits per IP (5 lists, 2 purchases, 4 verifies a
 * minute); a 429 comes back as `MarketplaceRateLimited`.
 */
export function omegaApiMarketplace(options: OmegaApiOptions = {}): FocusMarketplace {
  const url = (options.url ?? OMEGA_FOCUS_API).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    init: { body?: unknown; auth?: HotkeyCredentials } = {},
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.auth !== undefined) headers.authorization = basicAuthHeader(init.auth);
    const where = `${method} ${url}${path}`;
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new FocusError(
        'MarketplaceUnreachable',
        `${where} ${timedOut ? `did not answer within ${timeoutMs} ms` : 'failed'}`,
        {
          hint: 'check --sn24.focus_api and that the marketplace is up, then run the command again',
          details: { url, path },
          cause: err,
        },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.status === 429) {
      throw new FocusError('MarketplaceRateLimited', `${where}: rate limited (HTTP 429)`, {
        hint: 'the marketplace allows only a few calls a minute; wait a minute and run it again',
        details: { url, path },
      });
    }
    if (!response.ok) {
      const detail = errorBodySchema.safeParse(body);
      const said = detail.success ? String(detail.data.detail) : text.slice(0, 200);
      throw new FocusError(
        'MarketplaceRefused',
        `${where}: HTTP ${response.status}${said ? `: ${said}` : ''}`,
        {
          hint:
            response.status === 401
              ? 'the marketplace did not accept the hotkey signature; check --wallet.hotkey'
              : 'read the marketplace message; nothing was paid by this call',
          details: { url, path, status: response.status },
        },
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new FocusError(
        'MarketplaceBadResponse',
        `${where}: unexpected answer (${parsed.error.issues[0]?.message})`,
        {
          hint: 'the URL may not be a Focus marketplace; check --sn24.focus_api',
          details: { url, path, body: text.slice(0, 200) },
        },
      );
    }
    return parsed.data;
  }

  const records = async (): Promise<PurchaseClaims> => {
    let body: z.output<typeof purchasesResponseSchema>;
    try {
      body = await call('GET', FOCUS_PATHS.purchases, purchasesResponseSchema);
    } catch (err) {
      if (err instanceof FocusError && err.details.status === 404) {
        throw new FocusError(
          'PurchaseListUnsupported',
          `${url} does not list purchases (${FOCUS_PATHS.purchases})`,
          {
            hint: "OMEGA's hosted API publishes only aggregated shares; point --sn24.focus_api at a marketplace that lists purchases (e.g. `taonode sn24 focus serve`)",
            details: { url },
            cause: err,
          },
        );
      }
      throw err;
    }
    const claims: FocusClaim[] = [];
    const malformed: MalformedRecord[] = [];
    body.purchases.forEach((raw, index) => {
      const r = purchaseRecordSchema.safeParse(raw);
      if (!r.success) {
        malformed.push({
          index,
          problem: `${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`,
        });
        return;
      }
      claims.push({
        videoId: r.data.video_id,
        minerHotkey: r.data.miner_hotkey,
        address: r.data.address,
        amountRao: BigInt(r.data.amount_rao),
        blockHash: r.data.block_hash.toLowerCase(),
        claimedAt: Date.parse(r.data.claimed_at),
      });
    });
    return { claims, malformed };
  };

  return {
    url,
    async listVideos(): Promise<FocusListing[]> {
      const items = await call('GET', FOCUS_PATHS.list, listResponseSchema);
      return items.map((i) => ({
        videoId: i.video_id,
        score: i.video_score,
        priceRao: taoToRao(i.expected_reward_tao),
      }));
    },
    async announcePurchase(videoId, auth): Promise<FocusQuote> {
      const r = await call('POST', FOCUS_PATHS.purchase, purchaseResponseSchema, {
        body: { video_id: videoId },
        auth,
      });
      if (r.status !== 'success' || !('address' in r)) {
        const message = 'message' in r && r.message ? r.message : r.status;
        throw new FocusError('MarketplaceRefused', `the marketplace refused to sell ${videoId}: ${message}`, {
          hint: 'pick another video from `taonode sn24 focus list`; nothing was paid',
          details: { url, videoId },
        });
      }
      return { videoId, address: r.address, amountRao: taoToRao(r.amount) };
    },
    async handBack({ videoId, blockHash }, auth) {
      const r = await call('POST', FOCUS_PATHS.verifyPurchase, verifyPurchaseResponseSchema, {
        body: { video_id: videoId, block_hash: blockHash, miner_hotkey: auth.hotkey },
        auth,
      });
      return { accepted: r.status === 'success', message: r.message ?? r.status };
    },
    purchaseClaims: records,
  };
}
