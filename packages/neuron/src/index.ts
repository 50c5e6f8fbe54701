// Config

export { connectChainPort } from './chainPort/connectChainPort.js';
// Chain view
export { MetagraphCache } from './chainPort/metagraphCache.js';
export { toNeuronMetagraph } from './chainPort/toNeuronMetagraph.js';
export {
  type AxonEndpoint,
  type ChainPort,
  chainErrorName,
  type NeuronMetagraph,
  type WeightsOutcome,
} from './chainPort/types.js';
export { ConfigError } from './config/configError.js';
export { formatHelp } from './config/help.js';
export { type LoadConfigOptions, type LoadConfigResult, loadConfig } from './config/loadConfig.js';
export type { NeuronConfig, Role } from './config/neuronConfig.js';
export {
  BASE_OPTIONS,
  envNames,
  type OptionKind,
  type OptionSpec,
  type OptionValue,
} from './config/options.js';
// Health, logs, lifecycle
export { type HealthReport, type HealthServer, startHealthServer } from './health/healthServer.js';
export { createNeuronMetrics, type NeuronMetrics } from './health/neuronMetrics.js';
export { type DaemonContext, runDaemon } from './lifecycle/runDaemon.js';
export { runLoop } from './lifecycle/runLoop.js';
export { sleep } from './lifecycle/sleep.js';
export { createLogger, type Logger, type LoggerOptions } from './log/createLogger.js';
// Miner
export { type CallerPolicy, type CallerVerdict, callerPriority, judgeCaller } from './miner/callerPolicy.js';
export { type RunningMiner, startMiner } from './miner/startMiner.js';
// Runner
export { type AxonGuards, toAxonGuards } from './runner/axonGuards.js';
export { defaultRuntime } from './runner/defaultRuntime.js';
export { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './runner/exitCodes.js';
export { loadHotkey, registerCommand } from './runner/loadHotkey.js';
export { NeuronExit } from './runner/neuronExit.js';
export { exitNotImplemented } from './runner/notImplemented.js';
export { type RunNeuronOptions, runNeuron } from './runner/runNeuron.js';
export type { AxonHandle, CallerGuards, RuntimePorts } from './runner/runtimePorts.js';
// State
// Subnet plug-in interface
export type { MinerHooks } from './subnet/minerPlugin.js';
export type { PluginContext, SubnetPlugin } from './subnet/subnetPlugin.js';
export type { ForwardContext, Reward, ValidatorHooks, WeightVector } from './subnet/validatorPlugin.js';
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
export { waitFor } from './testing/waitFor.js';
export { weightsSetBlocks } from './testing/weightsSetBlocks.js';
// Test subnet and local-chain helpers
export { testNeuronEntry } from './testSubnet/entry.js';
export { Dummy } from './testSubnet/protocol.js';
export { answer as testSubnetAnswer, reward as testSubnetReward } from './testSubnet/scoring.js';
export { testSubnet } from './testSubnet/testSubnet.js';
// Validator
export { type MinerTarget, sampleMiners, servingMiners } from './validator/sampleMiners.js';
export { ScoreBook, type ScoreBookSnapshot } from './validator/scoreBook.js';
export { type RunningValidator, startValidator } from './validator/startValidator.js';
export { ValidatorLoop, type ValidatorLoopDeps } from './validator/validatorLoop.js';
export {
  type LoadStateResult,
  loadValidatorState,
  STATE_FILE,
  saveValidatorState,
  type ValidatorState,
  type WeightsRecord,
} from './validator/validatorState.js';
export { type WeightsCadence, type WeightsDecision, weightsDecision } from './validator/weightsSchedule.js';
