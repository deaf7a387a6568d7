/** Signing: canonical version documents, version hashes, Ed25519 approvals and their verification. */
export * from './canonical';
export * from './hash';
export * from './version';
export * from './signature';
export * from './verify';
export * from './withdrawal';
