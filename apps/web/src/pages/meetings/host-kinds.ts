// Which orgs may host a meeting of each level (the server checks the same).
import type { MeetingHostLevel } from '@xinhuo/shared';
import type { Org as OrgNode } from '@xinhuo/shared';

const HOST_KINDS: Record<MeetingHostLevel, readonly string[]> = {
  city: ['city'],
  town: ['town'],
  organ: ['organ', 'department'],
};

export function canHost(level: MeetingHostLevel | undefined, org: OrgNode): boolean {
  return level ? HOST_KINDS[level].includes(org.kind) : false;
}
