#!/usr/bin/env node
import { runSn2Neuron } from './runSn2Neuron.js';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
process.exit(await runSn2Neuron(process.argv.slice(2), process.env));
