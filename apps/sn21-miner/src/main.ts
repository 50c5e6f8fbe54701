#!/usr/bin/env node
import { pendingSubnet, runSubnet } from '@taonode/neuron';

// The SN21 package has not landed: --help and --version work, anything else says so and exits 78
// (pm2 leaves the app stopped). When it lands this becomes: runSubnet(sn21Plugin, 'miner').
process.exit(await runSubnet(pendingSubnet('sn21', 'SN21'), 'miner'));
