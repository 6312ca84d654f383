import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/request-context';
import {
  addWorkdaysQuery,
  calendarDaysQuery,
  calendarDaysSchema,
  calendarOverrideListSchema,
  listOverridesQuery,
  overrideDateParams,
  setOverrideBody,
  workdaySchema,
  type DayKind,
} from '@xinhuo/shared';
import { AppError, notFound } from '../errors';
import type { CalendarService } from './calendar';
import { loadOfficialDays } from './official-days';
import { dayNumber } from './work-calendar';

const tags = ['calendar'];
/** The working-day calendar: days of a range for the UI, deadline arithmetic, and the city's local overrides. */
export function calendarRoutes(calendar: CalendarService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/calendar/days', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        querystring: calendarDaysQuery,
        response: { 200: calendarDaysSchema },
      },
      handler: async (req) => {
        const { from, to } = req.query;
        const span = dayNumber(to) - dayNumber(from);
        if (span < 0 || span > 400)
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'to', reason: 'invalid_value' }] });
        const cal = calendar.current();
        const official = loadOfficialDays();
        const overrides = new Set((await calendar.listOverrides(from, to)).map((o) => o.date));
        const days = [];
        for (let d = dayNumber(from); d <= dayNumber(to); d++) {
          const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
          const dow = (d + 4) % 7;
          const kind: DayKind = overrides.has(date)
            ? 'override'
            : official.workdays.has(date)
              ? 'adjusted_workday'
              : official.holidays.has(date)
                ? 'holiday'
                : dow === 0 || dow === 6
                  ? 'weekend'
                  : 'workday';
          days.push({ date, isWorkday: cal.isWorkday(date), kind });
        }
        return { coverage: cal.coverage, days };
      },
    });

    app.get('/api/calendar/add-workdays', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        querystring: addWorkdaysQuery,
        response: { 200: workdaySchema },
      },
      handler: async (req) => ({ date: calendar.current().addWorkdays(req.query.date, req.query.n) }),
    });

    app.get('/api/calendar/overrides', {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        querystring: listOverridesQuery,
        response: { 200: calendarOverrideListSchema },
      },
      handler: async (req) => ({ items: await calendar.listOverrides(req.query.from, req.query.to) }),
    });

    app.put('/api/calendar/overrides/:date', {
      config: { access: { permission: 'calendar:manage' } },
      schema: {
        tags,
        params: overrideDateParams,
        body: setOverrideBody,
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await calendar.setOverride(actorOf(req), { date: req.params.date, ...req.body });
        return reply.status(204).send(null);
      },
    });

    app.delete('/api/calendar/overrides/:date', {
      config: { access: { permission: 'calendar:manage' } },
      schema: { tags, params: overrideDateParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        if (!(await calendar.removeOverride(actorOf(req), req.params.date))) throw notFound();
        return reply.status(204).send(null);
      },
    });
  };
}
