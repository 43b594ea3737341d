// Cron schedules of DataImportCron: the standard 5 fields (minute hour day month weekday), the
// @hourly/@daily/… macros, and a leading seconds field (6 fields) as a Vireo extension so that tests
// and demos can tick in seconds. Parsed by cron-parser, in UTC as CDI's controller does.
import { CronExpressionParser } from 'cron-parser';

/** Why a schedule is not a cron expression, or undefined when it is one. */
export function scheduleProblem(schedule: string): string | undefined {
  if (schedule.trim() === '') return 'schedule is empty';
  const fields = schedule.trim().split(/\s+/).length;
  if (!schedule.trim().startsWith('@') && (fields < 5 || fields > 6)) return `"${schedule}" has ${fields} fields; a cron expression has 5 (minute hour day month weekday), or 6 with seconds first`;
  try {
    CronExpressionParser.parse(schedule, { tz: 'UTC' });
    return undefined;
  } catch (e) {
    return `"${schedule}" is not a valid cron expression: ${(e as Error).message}`;
  }
}

/** The first tick of `schedule` strictly after `after`. */
export function nextTick(schedule: string, after: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' }).next().toDate();
}
