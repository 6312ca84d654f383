/** A POST's `Idempotency-Key`, per account and request, with the answer it got (platform/http/idempotency.ts). */
export interface IdempotencyKeysTable {
  user_id: string;
  /** `POST <path and query>`: the same key on another request is another record. */
  route: string;
  idem_key: string;
  /** SHA-256 of the request body: the same key with another body is refused. */
  body_hash: string;
  state: 'pending' | 'done';
  status: number | null;
  content_type: string | null;
  /** The answer's body, sealed with the field key (it may carry an activation code). */
  response: string | null;
  created_at: string;
  expires_at: string;
}
