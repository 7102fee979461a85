/** What an API key may read: today only the analytics API (JSON and CSV). */
export type ApiKeyScope = 'analytics';

/**
 * A key an administrator made for a reporting tool (Power BI, Grafana) (migration 17). The
 * store keeps only the SHA-256 of the secret, which is shown once, at creation.
 */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: ApiKeyScope;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** SHA-256 (hex) of the secret. */
  secretHash: string;
  createdBy: string;
}

export interface ApiKeyOps {
  /** `conflict` error when the id or the hash exists. */
  createApiKey(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The key with this secret hash, revoked or not; `null` when unknown. */
  findApiKey(secretHash: string): Promise<ApiKeyRecord | null>;
  /** Records a use (never moves `lastUsedAt` back). */
  touchApiKey(id: string, at: string): Promise<void>;
  /** `false` when unknown or already revoked (the first revocation is kept). */
  revokeApiKey(id: string): Promise<boolean>;
  /** Every key, newest first (at most 1,000). */
  listApiKeys(): Promise<ApiKeyRecord[]>;
}
