#!/usr/bin/env node
import { runSn24 } from '@taonode/sn24';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
process.exit(await runSn24('miner', process.argv.slice(2), process.env));
