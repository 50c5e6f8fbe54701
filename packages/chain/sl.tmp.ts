import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate, cryptoWaitReady } from '@polkadot/util-crypto';
import * as c from './src/index.ts';
await cryptoWaitReady();
const t0 = Date.now(); const lap = (s: string) => console.log(((Date.now()-t0)/1000).toFixed(1), s);
const ln = await c.startLocalnet({});
lap('started ' + ln.url);
const client = await c.connect({ chainEndpoint: ln.url });
lap('connected');
const kr = new Keyring({ type: 'sr25519' });
const cold = kr.addFromUri(mnemonicGenerate()); const hot = kr.addFromUri(mnemonicGenerate());
await c.fundAccount(client, cold.address, 10_000n * 10n**9n);
console.log(await c.getBalance(client, { address: cold.address }));
const sn = await c.createSubnet(client, {});
lap('subnet ' + JSON.stringify(sn));
console.log(await c.getBurnCost(client, { netuid: sn.netuid }));
const reg = await c.burnedRegister(client, { signer: cold, hotkey: hot.address, netuid: sn.netuid });
lap('registered uid ' + reg.uid);
try { await c.serveAxon(client, { signer: hot, netuid: sn.netuid, ip: '127.0.0.1', port: 8091, skipLocalChecks: true }); } catch (e) { console.log('ERR', (e as c.ChainError).name, (e as Error).message, (e as c.ChainError).hint); }
lap('serve refused');
console.log(await c.serveAxon(client, { signer: hot, netuid: sn.netuid, ip: '127.0.0.2', port: 8091 }).then(r => r.changed));
console.log(await c.serveAxon(client, { signer: hot, netuid: sn.netuid, ip: '127.0.0.2', port: 8091 }).then(r => r.changed));
lap('served');
await c.addStake(client, { signer: cold, hotkey: hot.address, netuid: sn.netuid, amount: 100n * 10n**9n });
console.log('stake', await c.getStake(client, { hotkey: hot.address, coldkey: cold.address, netuid: sn.netuid }));
lap('staked');
const mg = await c.getMetagraph(client, { netuid: sn.netuid });
console.log(mg.hyperparameters, mg.neurons.map(n => ({ uid: n.uid, hk: n.hotkey, ax: n.axon, st: n.totalStake })));
console.log(await c.getHyperparameters(client, { netuid: sn.netuid }));
console.log('epoch in', await c.blocksUntilNextEpoch(client, { netuid: sn.netuid }));
try { await c.submitExtrinsic(client, client.api.tx.subtensorModule.setWeights(sn.netuid, [0], [65535], 0), { signer: kr.addFromUri(mnemonicGenerate()) }); } catch (e) { console.log('ERR', (e as c.ChainError).name, (e as Error).message); }
try { await c.submitExtrinsic(client, client.api.tx.subtensorModule.setWeights(sn.netuid, [0], [65535], 0), { signer: hot }); } catch (e) { console.log('ERR', (e as c.ChainError).name, (e as Error).message); }
try { await c.transfer(client, { signer: kr.addFromUri(mnemonicGenerate()), dest: cold.address, amount: 10n**9n }); } catch (e) { console.log('ERR', (e as c.ChainError).name, (e as Error).message); }
lap('done');
await client.close(); await ln.close(); process.exit(0);
