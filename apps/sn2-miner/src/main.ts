#!/usr/bin/env node
import { runSn2 } from '@taonode/sn2';

// Explicit exit: a websocket client may keep reconnect timers alive after a clean stop.
process.exit(await runSn2('miner', process.argv.slice(2), process.env));
