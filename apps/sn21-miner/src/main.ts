#!/usr/bin/env node
import { exitNotImplemented } from '@taonode/neuron';

// The SN21 package (packages/sn21) has not landed yet. When it does, this becomes:
//   process.exitCode = await runNeuron({ app: 'sn21-miner', role: 'miner', plugin: sn21, argv: process.argv.slice(2) });
process.exitCode = exitNotImplemented('sn21-miner', 'SN21');
