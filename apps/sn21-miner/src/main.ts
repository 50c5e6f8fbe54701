#!/usr/bin/env node
import { runSubnet } from '@taonode/neuron';
import { sn21Plugin } from '@taonode/sn21';

// The whole app. The exit belongs here: under pm2 a process that only sets process.exitCode may never end.
process.exit(await runSubnet(sn21Plugin, 'miner'));
