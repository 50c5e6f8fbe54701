#!/usr/bin/env node
import { runTestNeuron } from './runTestNeuron.js';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
// The entry point hands the environment to the config loader; nothing below reads process.env.
process.exit(await runTestNeuron(process.argv.slice(2), process.env));
