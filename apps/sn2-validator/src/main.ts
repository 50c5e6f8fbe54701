#!/usr/bin/env node
import { runSubnet } from '@taonode/neuron';
import { sn2Plugin } from '@taonode/sn2';

// The whole app. The exit belongs here: under pm2 a process that only sets process.exitCode may never end.
process.exit(await runSubnet(sn2Plugin, 'validator'));
