/**
 * Exit codes the daemons use; ecosystem.config.js lists the "operator must act" ones in
 * `stop_exit_codes` so pm2 does not restart a daemon in a loop that can only fail again.
 */
export const EXIT_OK = 0;
/** Bad flag, env var or config file: 2, as Python's argparse (what bittensor neurons exit with). */
export const EXIT_USAGE = 2;
/** Not registered, wallet missing, no such subnet, subnet not implemented yet (sysexits EX_CONFIG). */
export const EXIT_CONFIG = 78;
/** Anything unexpected; pm2 restarts on this one. */
export const EXIT_FAILURE = 1;
