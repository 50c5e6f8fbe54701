import { connect } from '@taonode/chain';
import type { Logger, NeuronConfig } from '@taonode/neuron';
import { type FocusOptionValues, focusSettings } from './focusOptions.js';
import { withFocusShare } from './focusScores.js';
import { FocusVerifier } from './focusVerifier.js';
import { omegaApiMarketplace } from './omegaApiMarketplace.js';
import { VerifiedLedger } from './verifiedLedger.js';

/** A validator step's Focus part: from the YouTube score vector to the one the weights follow. */
export type FocusTarget = (base: readonly number[]) => number[];

export interface FocusScoring {
  /**
   * Checks the claims that are new since the last step (a marketplace or chain problem is logged,
   * and the purchases verified so far keep counting) and returns this step's score transform.
   */
  target(hotkeys: readonly string[]): Promise<FocusTarget>;
  close(): Promise<void>;
}

/**
 * The SN24 validator's Focus scoring when `--sn24.focus_api` is set (undefined otherwise): its own
 * chain client for the block reads, the ledger in the state folder, and the marketplace client.
 */
export async function openFocusScoring(
  options: FocusOptionValues,
  config: Pick<NeuronConfig, 'neuron' | 'subtensor'>,
  logger: Logger,
): Promise<FocusScoring | undefined> {
  const settings = focusSettings(options);
  if (settings === undefined) return undefined;
  const { ledger, problem } = await VerifiedLedger.load(config.neuron.stateDir);
  if (problem) logger.warn({ problem }, 'SN24 Focus ledger unreadable; starting a fresh one');
  const client = await connect({ chainEndpoint: config.subtensor.chainEndpoint });
  const marketplace = omegaApiMarketplace({ url: settings.api });
  const verifier = new FocusVerifier({
    marketplace,
    client,
    ledger,
    logger,
    windowBlocks: settings.windowBlocks,
  });
  logger.info(
    { marketplace: marketplace.url, share: settings.share, windowBlocks: settings.windowBlocks },
    'SN24 Focus scoring on: purchase claims are verified on chain',
  );
  let head = 0;
  let lastLogged = '';
  let lastProblem = '';
  return {
    async target(hotkeys) {
      try {
        head = (await verifier.refresh()).head;
        lastProblem = '';
      } catch (err) {
        // Once per distinct problem at warn (a marketplace without the purchase list fails every step).
        const problem = err instanceof Error ? err.message : String(err);
        const log = problem === lastProblem ? logger.debug.bind(logger) : logger.warn.bind(logger);
        log({ err }, 'SN24 Focus: new purchase claims not checked this step; verified ones still count');
        lastProblem = problem;
      }
      const focus = verifier.scores(hotkeys, head);
      const shares = Object.fromEntries(
        focus.flatMap((f, uid) => (f > 0 ? [[uid, Number(f.toFixed(6))]] : [])),
      );
      const text = JSON.stringify(shares);
      if (text !== lastLogged) {
        lastLogged = text;
        logger.info({ focus: shares, share: settings.share }, 'SN24 Focus scores');
      }
      return (base) => withFocusShare(base, focus, settings.share);
    },
    close: () => client.close(),
  };
}
