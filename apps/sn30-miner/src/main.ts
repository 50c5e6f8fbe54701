#!/usr/bin/env node
import { exitNotImplemented } from '@taonode/neuron';

// The SN30 package (packages/sn30) has not landed yet. When it does, this becomes:
//   process.exitCode = await runNeuron({ app: 'sn30-miner', role: 'miner', plugin: sn30, argv: process.argv.slice(2) });
process.exitCode = exitNotImplemented('sn30-miner', 'SN30');
