#!/usr/bin/env node
import { runTestNeuron } from './runTestNeuron.js';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
process.exit(await runTestNeuron(process.argv.slice(2)));
