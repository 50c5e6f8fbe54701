/** The SDK version we speak, as `version_as_int` (10.2.0 → 10002000, spec §1.2). */
export const SDK_VERSION = 10_002_000;
/** Python axons apply the nonce time window only from 7.2.0 on (§1.7). */
export const V_7_2_0 = 7_002_000;
