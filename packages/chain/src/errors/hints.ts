/**
 * One-line hints for the runtime errors miners and validators actually hit. Keyed by the
 * runtime's error name, so they apply whichever pallet raised it.
 */
export const ERROR_HINTS: Readonly<Record<string, string>> = {
  SettingWeightsTooFast:
    'Weights were set too recently for this uid; wait WeightsSetRateLimit blocks after the last update (see `taonode metagraph`).',
  CommittingWeightsTooFast: 'Weights were committed too recently; wait WeightsSetRateLimit blocks.',
  HotKeyNotRegisteredInSubNet:
    'This hotkey has no uid on the subnet; register it first (`taonode subnet register --netuid N`).',
  HotKeyNotRegisteredInNetwork:
    'This hotkey is not registered on the subnet; register it first (`taonode subnet register --netuid N`).',
  NotRegistered: 'This hotkey is not registered on the subnet; register it first.',
  HotKeyAccountNotExists: 'This hotkey is not registered anywhere yet; register it on a subnet first.',
  NeuronNoValidatorPermit:
    'This uid has no validator permit; it needs more stake, and permits are only recomputed at the next epoch.',
  IncorrectWeightVersionKey:
    'The version key is below the subnet WeightsVersionKey; upgrade the validator to the version the subnet requires.',
  InvalidIpAddress:
    'The axon IP is not allowed (0.0.0.0 when required, 127.0.0.1, ::1, broadcast); use the public IP (127.0.0.2 works on a local chain).',
  InvalidIpType: 'IP type must be 4 or 6.',
  InvalidPort: 'The axon port must be between 1 and 65535.',
  ServingRateLimitExceeded:
    'The axon was served too recently; wait ServingRateLimit blocks before changing it.',
  RevealTooEarly: 'The reveal window has not opened yet; wait until the commit epoch + reveal period.',
  ExpiredWeightCommit: 'The reveal window has passed; commit again.',
  NoWeightsCommitFound: 'No matching commit exists for this hotkey; commit before revealing.',
  InvalidRevealCommitHashNotMatch:
    'The revealed uids/weights/salt/version key do not hash to the commit; reveal exactly what was committed.',
  CommitRevealEnabled: 'This subnet uses commit-reveal; commit weights instead of setting them.',
  CommitRevealDisabled: 'Commit-reveal is off on this subnet; set weights directly.',
  TooManyUnrevealedCommits: 'Ten commits are waiting to be revealed; reveal or let them expire first.',
  WeightVecLengthIsLow: 'Too few weights; set at least MinAllowedWeights non-zero weights.',
  WeightVecNotEqualSize: 'uids and weights must have the same length.',
  DuplicateUids: 'A uid appears twice in the weights.',
  UidVecContainInvalidOne: 'A uid in the weights does not exist on the subnet.',
  UidsLengthExceedUidsInSubNet: 'More weights than neurons on the subnet.',
  NotEnoughStakeToSetWeights: 'The hotkey has less stake than StakeThreshold; add stake first.',
  HotKeyAlreadyRegisteredInSubNet: 'This hotkey already has a uid on the subnet; nothing to do.',
  TooManyRegistrationsThisBlock: 'The per-block registration limit is reached; try again next block.',
  TooManyRegistrationsThisInterval: 'The registration limit for this interval is reached; try again later.',
  SubNetRegistrationDisabled: 'Registration is disabled on this subnet.',
  SubnetNotExists: 'No subnet with this netuid; check `--netuid` and the network.',
  MechanismDoesNotExist: 'No subnet (mechanism) with this netuid; check `--netuid`.',
  SubtokenDisabled: 'The subnet has not been started yet (start_call); wait for the owner to start it.',
  NotEnoughBalanceToStake: 'The coldkey balance is too low for this amount plus fees.',
  NotEnoughBalanceToPayRegistrationFee: 'The coldkey balance is below the burn cost; fund the coldkey.',
  AmountTooLow: 'The amount is below the minimum (0.002 TAO for staking).',
  NetworkTxRateLimitExceeded: 'Subnet creation is rate limited; wait and retry.',
  TxRateLimitExceeded: 'Too many transactions from this key; wait a few blocks.',
  NonAssociatedColdKey: 'The hotkey belongs to another coldkey.',
  InsufficientBalance: 'The account balance is too low for this amount plus fees.',
  FundsUnavailable: 'The account balance is too low.',
  Expendability: 'This would reap the sending account; keep the existential deposit or use a smaller amount.',
  ExistentialDeposit: 'The amount is below the existential deposit of the destination account.',
  RequireSudo: 'Only the sudo key may do this.',
  BadOrigin: 'Wrong signer for this call (coldkey vs hotkey, or sudo only).',
  Payment: 'The signer cannot pay the transaction fee; fund the account.',
  Stale: 'The nonce was already used; a transaction from this key was included meanwhile. Retry.',
  Future: 'The nonce is ahead of the chain; an earlier transaction from this key is missing.',
  PriorityTooLow: 'A transaction with the same nonce is already in the pool; wait for it or raise the tip.',
  AncientBirthBlock: 'The transaction mortality expired before inclusion; retry.',
  BadProof: 'The signature does not verify (wrong genesis/runtime or a corrupted key).',
  ExhaustsResources: 'The block is full; retry next block.',
};

export function hintFor(name: string): string | undefined {
  return ERROR_HINTS[name];
}
