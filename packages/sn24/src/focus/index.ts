// `@taonode/sn24/focus`: the Focus-video marketplace flow without the model stack, so the CLI can
// load it without ONNX Runtime.
export {
  type BuyFocusDeps,
  buyFocusVideo,
  PAYMENT_SCAN_BLOCKS,
  type PaymentPreview,
} from './buyFocusVideo.js';
export { FocusError } from './focusError.js';
export {
  DEFAULT_FOCUS_SHARE,
  FOCUS_WINDOW_BLOCKS,
  type FocusOptionValues,
  type FocusSettings,
  focusOptions,
  focusSettings,
} from './focusOptions.js';
export { focusScores, type VerifiedPurchase, withFocusShare } from './focusScores.js';
export { type FocusRefresh, FocusVerifier, type FocusVerifierDeps } from './focusVerifier.js';
export { basicAuthHeader, hotkeyCredentials, verifiedHotkey } from './hotkeyAuth.js';
export {
  type ClaimEvidence,
  type ClaimRejection,
  type ClaimVerdict,
  claimKey,
  judgeClaim,
} from './judgeClaim.js';
export type {
  FocusClaim,
  FocusListing,
  FocusMarketplace,
  FocusQuote,
  HandBackResult,
  HotkeyCredentials,
  MalformedRecord,
  PurchaseClaims,
} from './marketplace.js';
export { OMEGA_FOCUS_API, type OmegaApiOptions, omegaApiMarketplace } from './omegaApiMarketplace.js';
export { type FocusScoring, type FocusTarget, openFocusScoring } from './openFocusScoring.js';
export {
  defaultLedgerFile,
  PURCHASE_STATES,
  type PurchaseEntry,
  PurchaseLedger,
  type PurchaseState,
} from './purchaseLedger.js';
export { type FocusStandIn, type FocusStandInOptions, startFocusStandIn } from './standIn/focusStandIn.js';
export { readListingsFile } from './standIn/listingsFile.js';
export { StandInBook, type StandInListing } from './standIn/standInBook.js';
export { FOCUS_LEDGER_FILE, VerifiedLedger, type VerifiedRecord } from './verifiedLedger.js';
export { FOCUS_PATHS } from './wire.js';
