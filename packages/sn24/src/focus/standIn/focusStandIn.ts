import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { raoToTao } from '@taonode/chain';
import { TaonodeError, writeFileAtomic } from '@taonode/kit';
import type { z } from 'zod';
import { FocusError } from '../focusError.js';
import { verifiedHotkey } from '../hotkeyAuth.js';
import type { FocusClaim } from '../marketplace.js';
import { FOCUS_PATHS, purchaseRequestSchema, verifyPurchaseRequestSchema } from '../wire.js';
import { StandInBook, type StandInListing } from './standInBook.js';

export interface FocusStandInOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  listings?: readonly StandInListing[];
  /** How long a purchase locks a video for its buyer (default 20 min, as OMEGA's API). */
  lockMs?: number;
  /** Keeps listings, locks and claims across restarts (written atomically after each change). */
  stateFile?: string;
  now?: () => number;
}

export interface FocusStandIn {
  readonly url: string;
  readonly port: number;
  addListing(listing: StandInListing): Promise<void>;
  claims(): FocusClaim[];
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

class HttpFailure extends TaonodeError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message, { details: { status } });
  }
}

/**
 * A self-hosted Focus marketplace speaking the OMEGA validator API's purchase endpoints (list,
 * purchase, verify-purchase, with the same hotkey Basic auth) plus `GET /api/focus/purchases` for
 * validators. Unlike OMEGA's API it verifies nothing on chain: it records what miners claim, and
 * every validator checks each claim against the chain itself.
 */
export async function startFocusStandIn(options: FocusStandInOptions = {}): Promise<FocusStandIn> {
  const now = options.now ?? Date.now;
  const stateFile = options.stateFile;
  const book = await openBook({ lockMs: options.lockMs ?? 20 * 60_000, now }, stateFile);
  for (const l of options.listings ?? []) book.add(l);
  let saving: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    if (stateFile === undefined) return Promise.resolve();
    saving = saving.then(() => writeFileAtomic(stateFile, JSON.stringify(book.snapshot())));
    return saving;
  };
  await persist();

  const routes: Record<string, (req: IncomingMessage) => Promise<unknown>> = {
    [`GET ${FOCUS_PATHS.list}`]: async () =>
      book.available().map((l) => ({
        video_id: l.videoId,
        video_score: l.score,
        expected_reward_tao: taoNumber(l.priceRao),
      })),
    [`POST ${FOCUS_PATHS.purchase}`]: async (req) => {
      const hotkey = authenticated(req);
      const body = parseBody(purchaseRequestSchema, await readJson(req));
      const answer = book.purchase(body.video_id, hotkey);
      if (!answer.ok) {
        if (answer.notFound) throw new HttpFailure(404, answer.message);
        return { status: 'error', message: answer.message };
      }
      await persist();
      return { status: 'success', address: answer.value.address, amount: taoNumber(answer.value.priceRao) };
    },
    [`POST ${FOCUS_PATHS.verifyPurchase}`]: async (req) => {
      const hotkey = authenticated(req);
      const body = parseBody(verifyPurchaseRequestSchema, await readJson(req));
      const answer = book.claim(body.video_id, hotkey, body.block_hash);
      if (!answer.ok) return { status: 'error', message: answer.message };
      await persist();
      return { status: 'success', message: answer.value };
    },
    [`GET ${FOCUS_PATHS.purchases}`]: async () => ({
      purchases: book.claims().map((c) => ({
        video_id: c.videoId,
        miner_hotkey: c.minerHotkey,
        address: c.address,
        amount: taoNumber(c.amountRao),
        amount_rao: c.amountRao.toString(),
        block_hash: c.blockHash,
        claimed_at: new Date(c.claimedAt).toISOString(),
      })),
    }),
    'GET /': async () => new Date(now()).toISOString(),
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes[`${req.method} ${path}`];
    if (route === undefined) {
      send(res, 404, { detail: 'Not Found' });
      return;
    }
    route(req).then(
      (body) => send(res, 200, body),
      (err: unknown) => {
        if (err instanceof HttpFailure) send(res, err.status, { detail: err.message });
        else send(res, 500, { detail: 'internal error' });
      },
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async addListing(listing) {
      book.add(listing);
      await persist();
    },
    claims: () => book.claims(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await saving.catch(() => undefined);
    },
  };
}

/** TAO as the JSON number OMEGA's API sends (the nearest double; clients round back to rao). */
const taoNumber = raoToTao;

function authenticated(req: IncomingMessage): string {
  const hotkey = verifiedHotkey(req.headers.authorization);
  if (hotkey === undefined) {
    throw new HttpFailure(
      401,
      "Basic auth username must be the hotkey's SS58 address and the password its 0x-hex signature of that address",
    );
  }
  return hotkey;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpFailure(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'body is not JSON');
  }
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpFailure(422, `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function openBook(
  options: ConstructorParameters<typeof StandInBook>[0],
  file: string | undefined,
): Promise<StandInBook> {
  let text: string | undefined;
  try {
    if (file !== undefined) text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    return new StandInBook(options, text === undefined ? undefined : JSON.parse(text));
  } catch (err) {
    throw new FocusError(
      'StandInStateUnreadable',
      `the stand-in state file ${file} is not a stand-in snapshot`,
      {
        hint: 'move the file away to start with empty books, or restore it from a backup',
        details: { file },
        cause: err,
      },
    );
  }
}
