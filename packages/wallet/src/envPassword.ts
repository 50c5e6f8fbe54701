// btwallet's "password in environment" (spec §2.4): BT_PW_<keyfile path, separators and dots → _,
// upper-case>, value base64(password XOR name bytes repeated). Obfuscation only, read for
// compatibility with setups made by btcli.

export function envPasswordVariable(keyfilePath: string): string {
  return `BT_PW_${keyfilePath.replace(/[/\\.]/g, '_').toUpperCase()}`;
}

function xorWithName(data: Uint8Array, name: string): Uint8Array {
  const key = new TextEncoder().encode(name);
  return data.map((b, i) => b ^ key[i % key.length]!);
}

export function encodeEnvPassword(keyfilePath: string, password: string): string {
  const name = envPasswordVariable(keyfilePath);
  return Buffer.from(xorWithName(new TextEncoder().encode(password), name)).toString('base64');
}

export function readEnvPassword(
  keyfilePath: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const name = envPasswordVariable(keyfilePath);
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  return new TextDecoder().decode(xorWithName(Buffer.from(value, 'base64'), name));
}
