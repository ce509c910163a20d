import type { JWK } from 'jose';

export interface SigningKeyRecord {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: number;
}

export interface SigningKeyStore {
  /** Oldest first. */
  list(): Promise<SigningKeyRecord[]>;
  add(record: SigningKeyRecord): Promise<void>;
}
