#!/usr/bin/env node
import { runSn24Neuron } from './runSn24Neuron.js';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
process.exit(await runSn24Neuron(process.argv.slice(2), process.env));
