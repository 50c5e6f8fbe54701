export { encodeEnvPassword, envPasswordVariable, readEnvPassword } from './envPassword.js';
export * from './errors.js';
export { argon2iKdf, type Kdf, NACL_MEMLIMIT, NACL_OPSLIMIT, NACL_SALT } from './kdf.js';
export {
  isEncryptedKeyfile,
  type PasswordProvider,
  type ReadKeyfileOptions,
  readKeyfile,
  type WriteKeyfileOptions,
  writeKeyfile,
} from './keyfile.js';
export { keyfileJsonSchema, parseKeyfile, serializeKeyfile } from './keyfileJson.js';
export { type KeyfileData, Keypair, type Signer } from './keypair.js';
export {
  assertValidMnemonic,
  generateMnemonic,
  MNEMONIC_WORD_COUNTS,
  type MnemonicWordCount,
  mnemonicToMiniSecret,
} from './mnemonic.js';
export { detectEncoding, type KeyfileEncoding, naclDecrypt, naclEncrypt } from './naclBox.js';
export {
  isRistrettoPoint,
  signatureWellFormed,
  verify as sr25519Verify,
  verifyBackend,
  verifyWasmCrypto,
} from './sr25519.js';
export { isSs58Address, SS58_PREFIX, ss58Decode, ss58Encode } from './ss58.js';
export { verifySignature } from './verifySignature.js';
export {
  type CreatedKey,
  type CreateKeyOptions,
  type KeySource,
  listWallets,
  type UnlockOptions,
  Wallet,
  type WalletOptions,
} from './wallet.js';
export {
  assertValidName,
  DEFAULT_HOTKEY_NAME,
  DEFAULT_WALLET_NAME,
  defaultWalletPath,
} from './walletPath.js';
