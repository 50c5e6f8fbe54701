#!/usr/bin/env node
import { runSubnet } from '../runner/runSubnet.js';
import { testSubnet } from './testSubnet.js';

// The test subnet's one script for both roles (`--role miner|validator`), as the demo, the tests
// and the pm2 test apps run it. The exit belongs here: under pm2 the process must end.
process.exit(await runSubnet(testSubnet, 'argv'));
