// Chain view
export { connectChainPort } from './chainPort/connectChainPort.js';
export { MetagraphCache } from './chainPort/metagraphCache.js';
export { toNeuronMetagraph } from './chainPort/toNeuronMetagraph.js';
export {
  type AxonEndpoint,
  type ChainPort,
  chainErrorName,
  type NeuronMetagraph,
  type WeightsOutcome,
} from './chainPort/types.js';
// Config and options
export { ConfigError } from './config/configError.js';
export {
  defineOptions,
  type OptionSchema,
  type OptionsOf,
  option,
  type TypedOption,
} from './config/defineOptions.js';
export { formatHelp } from './config/help.js';
export { appliesTo, type LoadConfigOptions, type LoadConfigResult, loadConfig } from './config/loadConfig.js';
export type { NeuronConfig, Role } from './config/neuronConfig.js';
export {
  BASE_OPTIONS,
  envNames,
  type OptionKind,
  type OptionSpec,
  type OptionValue,
} from './config/options.js';
// Events
export {
  type Figures,
  NeuronEventBus,
  type NeuronEventMap,
  type NeuronEventName,
  type NeuronEvents,
  type NeuronListener,
  type StepResult,
} from './events/neuronEvents.js';
// Health, logs, lifecycle
export { type HealthReport, type HealthServer, startHealthServer } from './health/healthServer.js';
export { createNeuronMetrics, type NeuronMetrics } from './health/neuronMetrics.js';
export { type DaemonContext, runDaemon } from './lifecycle/runDaemon.js';
export { runLoop } from './lifecycle/runLoop.js';
export { createLogger, type Logger, type LoggerOptions } from './log/createLogger.js';
// Miner
export { type CallerPolicy, type CallerVerdict, callerPriority, judgeCaller } from './miner/callerPolicy.js';
export { isPrivateIpv4, type PostedAddress, postedAddress } from './miner/externalAddress.js';
export { type RunningMiner, startMiner } from './miner/startMiner.js';
// Registry of subnets
export {
  expandRegistryArgs,
  loadSubnetRegistry,
  type RegistryApp,
  registryScript,
  roleLaunch,
  type SubnetEntry,
  type SubnetRegistry,
  subnetLaunch,
  subnetRegistrySchema,
} from './registry/subnetRegistry.js';
// Runner
export { type AxonGuards, toAxonGuards } from './runner/axonGuards.js';
export { defaultRuntime } from './runner/defaultRuntime.js';
export { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './runner/exitCodes.js';
export { loadHotkey, registerCommand } from './runner/loadHotkey.js';
export { NeuronExit } from './runner/neuronExit.js';
export { exitNotImplemented, pendingSubnet } from './runner/notImplemented.js';
export {
  type NeuronObserver,
  RUNTIME_VERSION,
  type RunNeuronOptions,
  runNeuron,
} from './runner/runNeuron.js';
export { appDefaultsFile, type RunSubnetOptions, runSubnet } from './runner/runSubnet.js';
export type { AxonHandle, CallerGuards, ConnectChainArgs, RuntimePorts } from './runner/runtimePorts.js';
// Scoring and state
export { movingAverage } from './scoring/movingAverage.js';
export { perUidScoresSchema, perUidStrategy, positiveWeights, syncPerUid } from './scoring/perUidScores.js';
export type {
  PerUidScores,
  Reward,
  RewardComponents,
  ScoringStrategy,
  WeightVector,
} from './scoring/scoringStrategy.js';
export {
  type LoadStateResult,
  loadValidatorState,
  MINER_STATE_FILE,
  STATE_FILE,
  type WeightsRecord,
} from './state/stateFile.js';
export { type PluginState, type StateSlot, StateStore } from './state/stateStore.js';
// Subnet plug-in interface
export type { MinerHooks } from './subnet/minerPlugin.js';
export type { PluginChain, PluginContext } from './subnet/pluginContext.js';
export { type AnyValidatorHooks, defineSubnet, type SubnetPlugin } from './subnet/subnetPlugin.js';
export type { CandidateContext, StepContext, ValidatorHooks } from './subnet/validatorPlugin.js';
// Test subnet and local-chain helpers
export { healthOf, healthPortOf, reconnectedAfter } from './testing/daemonLog.js';
export { DaemonProcess, type DaemonSpec } from './testing/daemonProcess.js';
export { freePort } from './testing/freePort.js';
export { neuronArgs } from './testing/neuronArgs.js';
export { neuronCluster } from './testing/neuronCluster.js';
export { OutageProxy } from './testing/outageProxy.js';
export { type Pm2Process, type Pm2Result, pm2List, runPm2 } from './testing/pm2.js';
export {
  type ProvisionedNeuron,
  type ProvisionedSubnet,
  provisionSubnet,
} from './testing/provisionSubnet.js';
export { type LogLine, readJsonLog } from './testing/readJsonLog.js';
export { type TestChain, testChain } from './testing/testChain.js';
export { waitFor } from './testing/waitFor.js';
export { weightsSetBlocks } from './testing/weightsSetBlocks.js';
export { testNeuronEntry } from './testSubnet/entry.js';
export { Dummy } from './testSubnet/protocol.js';
export { answer as testSubnetAnswer, reward as testSubnetReward } from './testSubnet/scoring.js';
export { testSubnet } from './testSubnet/testSubnet.js';
// Validator
export { type MinerTarget, sampleMiners, servingMiners } from './validator/sampleMiners.js';
export { type RunningValidator, startValidator } from './validator/startValidator.js';
export { ValidatorLoop, type ValidatorLoopDeps } from './validator/validatorLoop.js';
export { type WeightsCadence, type WeightsDecision, weightsDecision } from './validator/weightsSchedule.js';
