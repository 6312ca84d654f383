/** A local override of the official calendar: a day declared working or off (e.g. a local arrangement). */
export interface CalendarOverridesTable {
  day: string;
  is_workday: number;
  note: string;
  updated_at: string;
  updated_by: string | null;
}
