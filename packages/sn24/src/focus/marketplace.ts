/**
 * The Focus-video marketplace as SN24 miners and validators see it (spec §1.4, §2.4b). The default
 * implementation speaks the OMEGA validator API over HTTP (`omegaApiMarketplace`); the stand-in in
 * `standIn/` serves the same wire format for local networks, tests and the demo.
 */
export interface FocusListing {
  videoId: string;
  /** The API's task-completion score in [0, 1]. */
  score: number;
  /** What buying costs, in rao (the API's `expected_reward_tao`). */
  priceRao: bigint;
}

/** The marketplace's answer to "I buy this video": where to send how much (video locked meanwhile). */
export interface FocusQuote {
  videoId: string;
  /** The recorder's coldkey. */
  address: string;
  amountRao: bigint;
}

/** The outcome of handing a block hash back (`verify-purchase`). */
export interface HandBackResult {
  accepted: boolean;
  message: string;
}

/**
 * A purchase a miner claims: it paid `amountRao` to `address` for `videoId` in block `blockHash`.
 * Validators check every one of these on chain before it earns anything.
 */
export interface FocusClaim {
  videoId: string;
  minerHotkey: string;
  /** The recorder's coldkey the marketplace quoted. */
  address: string;
  /** The quoted price. */
  amountRao: bigint;
  blockHash: string;
  /** When the miner handed the block hash back (marketplace clock, ms). */
  claimedAt: number;
}

/** A purchase record the marketplace listed that does not parse: skipped, and said so. */
export interface MalformedRecord {
  index: number;
  problem: string;
}

export interface PurchaseClaims {
  claims: FocusClaim[];
  malformed: MalformedRecord[];
}

/** HTTP Basic credentials of a hotkey: its SS58 address and its signature of that address. */
export interface HotkeyCredentials {
  hotkey: string;
  /** `0x` + hex sr25519 signature of the hotkey string itself. */
  signature: string;
}

export interface FocusMarketplace {
  /** Base URL, for logs and the purchase ledger. */
  readonly url: string;
  /** `GET /api/focus/get_list`: videos on sale now. */
  listVideos(): Promise<FocusListing[]>;
  /** `POST /api/focus/purchase`: locks the video for this hotkey and quotes address and price. */
  announcePurchase(videoId: string, auth: HotkeyCredentials): Promise<FocusQuote>;
  /** `POST /api/focus/verify-purchase`: the block hash of the payment. */
  handBack(args: { videoId: string; blockHash: string }, auth: HotkeyCredentials): Promise<HandBackResult>;
  /** `GET /api/focus/purchases` (taonode extension): handed-back purchases, for validators. */
  purchaseClaims(): Promise<PurchaseClaims>;
}
