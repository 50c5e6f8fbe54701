#!/usr/bin/env node
import { runSubnet } from '@taonode/neuron';
import { sn24Plugin } from '@taonode/sn24';

// The whole app. The exit belongs here: under pm2 a process that only sets process.exitCode may never end.
process.exit(await runSubnet(sn24Plugin, 'validator'));
