/**
 * One LRMX upload read and compared with the roster (an "LRMX session"). It belongs to the user who
 * uploaded it and answers nobody else; `content` is the sealed JSON of its files (records, matches,
 * differences — ID numbers and relatives' data), AES-256-GCM under the key named by key_id.
 */
export interface LrmxSessionsTable {
  id: string;
  created_by: string;
  file_name: string;
  file_sha256: string;
  status: 'open' | 'applied';
  key_id: string;
  content: Buffer;
  created_at: string;
  /** After this time the session answers like a missing one and is deleted at the next upload. */
  expires_at: string;
  applied_at: string | null;
}
