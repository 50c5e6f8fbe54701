import { readFile } from 'node:fs/promises';
import { HubAuthError } from '../errors.js';

/**
 * The hub write token: from a file when one is named (its first line), else from the HF_TOKEN value
 * the caller read from the environment. The token is only ever passed to the hub client.
 */
export async function resolveHfToken(source: { file?: string; env?: string }): Promise<string> {
  return checked(await readToken(source));
}

function checked(token: string): string {
  // Hub tokens start with "hf_"; the client library refuses anything else anyway.
  if (!token.startsWith('hf_')) throw new HubAuthError('the token does not look like a hub token (hf_…)');
  return token;
}

async function readToken(source: { file?: string; env?: string }): Promise<string> {
  if (source.file !== undefined) {
    let text: string;
    try {
      text = await readFile(source.file, 'utf8');
    } catch (err) {
      throw new HubAuthError(`cannot read the token file ${source.file}: ${(err as Error).message}`, err);
    }
    const token = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (token === '') throw new HubAuthError(`the token file ${source.file} is empty`);
    return token;
  }
  const token = source.env?.trim() ?? '';
  if (token === '') throw new HubAuthError('no hub token: HF_TOKEN is not set and no token file was given');
  return token;
}
