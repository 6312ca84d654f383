import {
  BULK_ACCOUNT_ROLES,
  bulkRoleOf,
  type BulkAccounts,
  fullPinyin,
  normalizeSearchQuery,
  type PositionRole,
} from '@xinhuo/shared';
import type { Db, Tx } from '../../database';
import type { AuditActor, AuditTrail } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { FieldCrypto } from '../../platform/crypto/field-crypto';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import * as repo from './auth.repository';
import * as links from './person-links.repository';
import type { AccountGrantService, Party } from './account-grants.service';
import { normalizeUsername, validUsername } from './passwords';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const ID_NUMBER = /^\d{17}[\dX]$/;
/** The whole city: an account without scope (a trainee) is linked to anyone on the roster. */
const WHOLE_TREE = ['/'];
const SEARCH_LIMIT = 20;

/**
 * Issue 10 item 1, the system administrator's side of the roster: an account ↔ person link and the bulk
 * creation of a town's committee members' accounts. What the console learns of a person is the name, the
 * org and the current seats; the ID number, phone and birth date are never read here (an ID number typed
 * into the search is matched by its blind index only).
 */
export function createPersonLinkService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditTrail;
  crypto: FieldCrypto;
  grants: AccountGrantService;
}) {
  const { db, clock, audit, crypto, grants } = deps;
  const nowIso = () => clock.now().toISOString();

  /** The account's own scope, or the whole tree for an account without one. */
  async function scopeOf(conn: Db | Tx, userId: string): Promise<string[]> {
    if (!(await repo.findUserById(conn, userId))) throw new AppError('NOT_FOUND');
    const paths = await links.findScopePathsOfUser(conn, userId);
    return paths.length > 0 ? paths : WHOLE_TREE;
  }

  async function seatsOf(conn: Db | Tx, personIds: string[]) {
    const rows = await links.findOpenPositionsOf(conn, personIds);
    const out = new Map<string, PositionRole[]>();
    for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.role]);
    return out;
  }

  /** Link in the caller's transaction (also the demo's path); the previous link of the account is replaced. */
  async function linkIn(trx: Tx, actor: AuditActor, userId: string, personId: string) {
    const scope = await scopeOf(trx, userId);
    const person = await links.findPersonInScope(trx, personId, scope);
    if (!person) throw new AppError('NOT_FOUND');
    const holder = await links.findUserByPerson(trx, personId);
    if (holder && holder.id !== userId) throw new AppError('PERSON_LINK_TAKEN');
    const before = (await repo.findUserById(trx, userId))!.person_id ?? null;
    await links.setUserPerson(trx, userId, personId, nowIso());
    await audit.record(trx, actor, {
      action: 'user_person_link',
      objectType: 'user',
      objectId: userId,
      details: { personId, ...(before && before !== personId ? { previousPersonId: before } : {}) },
    });
    const seats = await seatsOf(trx, [personId]);
    return {
      id: person.id,
      name: person.name,
      orgName: person.org_name,
      positions: seats.get(personId) ?? [],
    };
  }

  /** A free username for each name: its pinyin, numbered past the taken ones and the batch's own. */
  async function suggestUsernames(conn: Db | Tx, names: string[]): Promise<string[]> {
    const used = new Set<string>();
    const out: string[] = [];
    const takenByStem = new Map<string, Set<string>>();
    for (const name of names) {
      let stem = fullPinyin(name).replace(/[^a-z0-9]/g, '');
      if (stem.length < 3) stem = `${stem}user`.slice(0, Math.max(3, stem.length + 4));
      stem = stem.slice(0, 34);
      if (!takenByStem.has(stem)) takenByStem.set(stem, new Set(await links.findUsernamesLike(conn, stem)));
      const taken = takenByStem.get(stem)!;
      let candidate = stem;
      for (let n = 2; taken.has(candidate) || used.has(candidate); n++) candidate = `${stem}${n}`;
      used.add(candidate);
      out.push(candidate);
    }
    return out;
  }

  /** The committee members of a town's villages, one row per person, with the seat org that scopes them. */
  async function membersOf(conn: Db | Tx, townId: string) {
    const town = await links.findTown(conn, townId);
    if (!town) throw new AppError('NOT_FOUND');
    const seats = await links.findCommitteeSeats(conn, town.path);
    const byPerson = new Map<
      string,
      {
        id: string;
        name: string;
        orgId: string;
        orgName: string;
        positions: PositionRole[];
        account: string | null;
      }
    >();
    for (const s of seats) {
      const m = byPerson.get(s.id);
      if (m) {
        if (!m.positions.includes(s.role)) m.positions.push(s.role);
      } else
        byPerson.set(s.id, {
          id: s.id,
          name: s.name,
          orgId: s.org_id,
          orgName: s.org_name,
          positions: [s.role],
          account: s.account_username ?? null,
        });
    }
    return { town, members: [...byPerson.values()] };
  }

  return {
    /** People the account may be linked to: in its scope, by name (汉字 / pinyin / initials) or full ID number. */
    async searchCandidates(userId: string, q: string) {
      const scope = await scopeOf(db, userId);
      const text = q.trim();
      const idNumber = text.toUpperCase();
      const match: links.PersonMatch = ID_NUMBER.test(idNumber)
        ? { idNumberBidx: crypto.blindIndex(idNumber) }
        : HAN.test(text)
          ? { nameLike: text }
          : { searchKey: normalizeSearchQuery(text) };
      const rows = await links.searchPersons(db, match, scope, SEARCH_LIMIT);
      const seats = await seatsOf(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          orgName: r.org_name,
          positions: seats.get(r.id) ?? [],
          linkedUsername: r.linked_username ?? null,
        })),
      };
    },

    linkIn,

    async link(actor: AuditActor, userId: string, personId: string) {
      return db.transaction().execute((trx) => linkIn(trx, actor, userId, personId));
    },

    async unlink(actor: AuditActor, userId: string) {
      await db.transaction().execute(async (trx) => {
        const u = await repo.findUserById(trx, userId);
        if (!u) throw new AppError('NOT_FOUND');
        if (!u.person_id) return;
        await links.setUserPerson(trx, userId, null, nowIso());
        await audit.record(trx, actor, {
          action: 'user_person_unlink',
          objectType: 'user',
          objectId: userId,
          details: { personId: u.person_id },
        });
      });
    },

    /** The persons linked to these accounts (for the accounts list). */
    async linkedPersons(userIds: string[]) {
      const rows = await links.findLinkedPersonsOf(db, userIds);
      const seats = await seatsOf(
        db,
        rows.map((r) => r.id),
      );
      return new Map(
        rows.map((r) => [
          r.user_id,
          { id: r.id, name: r.name, orgName: r.org_name, positions: seats.get(r.id) ?? [] },
        ]),
      );
    },

    /** A town's committee members with their account (if linked) and a free username to suggest. */
    async committeeMembers(townId: string) {
      const { town, members } = await membersOf(db, townId);
      const suggested = await suggestUsernames(
        db,
        members.map((m) => m.name),
      );
      return {
        town: { id: town.id, name: town.name },
        items: members.map((m, i) => ({
          id: m.id,
          name: m.name,
          orgId: m.orgId,
          orgName: m.orgName,
          positions: m.positions,
          role: bulkRoleOf(m.positions),
          accountUsername: m.account,
          suggestedUsername: suggested[i]!,
        })),
      };
    },

    /**
     * Accounts for the chosen committee members, all or nothing: each exists at once without a password,
     * linked to its person, with no role; the business role requested for each follows the member's seat as
     * read in this transaction (`bulkRoleOf`: the secretary's role scoped to the member's village, the
     * trainee's without scope for the other members) and waits for the security administrator, who approves
     * the batch and receives the hand-over sheet of activation codes.
     */
    async bulkCreate(
      requester: Party,
      townId: string,
      input: { items: { personId: string; username: string }[] },
    ) {
      if (!requester.permissions.includes('users:manage')) throw new AppError('FORBIDDEN');
      const norms = input.items.map((it, i) => {
        try {
          return validUsername(it.username);
        } catch {
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: `items.${i}.username`, reason: 'invalid_format' }],
          });
        }
      });
      const dup = norms.findIndex((n, i) => norms.indexOf(n) !== i);
      if (dup >= 0)
        throw new AppError('USERNAME_TAKEN', {
          fields: [{ path: `items.${dup}.username`, reason: 'duplicate' }],
        });
      const batchId = newId(clock.now().getTime());
      return db.transaction().execute(async (trx) => {
        const { town, members } = await membersOf(trx, townId);
        const byId = new Map(members.map((m) => [m.id, m]));
        const chosen = input.items.map((it) => byId.get(it.personId));
        if (new Set(input.items.map((it) => it.personId)).size !== input.items.length)
          throw new AppError('BULK_MEMBER_INVALID');
        if (chosen.some((m) => !m || m.account !== null)) throw new AppError('BULK_MEMBER_INVALID');
        const taken = await links.findTakenUsernames(trx, norms);
        const clash = norms.findIndex((n) => taken.has(n));
        if (clash >= 0)
          throw new AppError('USERNAME_TAKEN', {
            fields: [{ path: `items.${clash}.username`, reason: 'taken' }],
          });
        const items: BulkAccounts['items'] = [];
        for (const [i, it] of input.items.entries()) {
          const m = chosen[i]!;
          const role = bulkRoleOf(m.positions);
          const made = await grants.createPendingAccount(
            trx,
            requester,
            {
              username: it.username,
              norm: norms[i]!,
              displayName: m.name,
              personId: m.id,
              roles: [role],
              orgIds: role === 'trainee' ? [] : [m.orgId],
            },
            batchId,
          );
          items.push({ ...made, username: normalizeUsername(it.username), displayName: m.name, role });
        }
        await audit.record(trx, requester.actor, {
          action: 'user_bulk_create',
          objectType: 'org',
          objectId: town.id,
          details: {
            batchId,
            count: items.length,
            roles: Object.fromEntries(
              BULK_ACCOUNT_ROLES.map((r) => [r, items.filter((x) => x.role === r).length]),
            ),
          },
        });
        return { batchId, items };
      });
    },
  };
}

export type PersonLinkService = ReturnType<typeof createPersonLinkService>;
