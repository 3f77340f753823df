/**
 * What the ROMA emulator accepts in each documented edition (see sandbox.ts's header): list paging,
 * ListTasks' parameters and ExportAsset's body, and the seed's package body.
 */
/** CheckAssetJobStatus editions. */
export type RomaEdition = 'current' | 'legacy';
/** ListTasks editions. */
export type RomaTasksEdition = 'current' | 'legacy' | 'sdk';
/** ExportAsset body editions. */
export type RomaExportEdition = 'current' | 'intl-2022' | 'ae-ad-1';

export function seedBody(appIds: string[], taskIds: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({ apps: appIds.join(','), tasks: taskIds.map((task_id) => ({ task_id })) }),
  );
}

/** `offset` (< 0 → 0, default 0) and `limit` (default 20, 1..max); null when not numbers or out of range. */
export function paging(offset: string | null, limit: string | null, max: number) {
  const o = offset == null ? 0 : Number(offset);
  const l = limit == null ? 20 : Number(limit);
  if (!Number.isInteger(o) || !Number.isInteger(l) || l < 1 || l > max) return null;
  return { offset: Math.max(0, o), limit: l };
}

/** ListTasks per edition: the name parameter, the first offset, the offset and limit ranges. */
export const TASKS_EDITIONS: Record<
  RomaTasksEdition,
  { name: string; firstOffset: number; maxOffset: number; minLimit: number; maxLimit: number }
> = {
  current: { name: 'task_name', firstOffset: 1, maxOffset: 20000, minLimit: 1, maxLimit: 1000 },
  legacy: { name: 'taks_name', firstOffset: 0, maxOffset: 20000, minLimit: 0, maxLimit: 1000 },
  sdk: { name: 'name', firstOffset: 0, maxOffset: 20000, minLimit: 1, maxLimit: 999 },
};

/** A ListTasks page (0-based item offset) under an edition's rules; null when out of its range. */
export function tasksPaging(
  offset: string | null,
  limit: string | null,
  rule: (typeof TASKS_EDITIONS)['current'],
) {
  let o = offset == null ? rule.firstOffset : Number(offset);
  const l = limit == null ? 10 : Number(limit);
  if (!Number.isInteger(o) || !Number.isInteger(l) || l < rule.minLimit || l > rule.maxLimit) return null;
  if (rule.firstOffset === 0) o = Math.max(0, o);
  if (o < rule.firstOffset || o > rule.maxOffset) return null;
  return { offset: o - rule.firstOffset, limit: l };
}

/** The app and task ids of an ExportAsset body in `edition`, or why it is refused. */
export function exportIds(
  edition: RomaExportEdition,
  input: { apps?: unknown; tasks?: unknown },
): { appIds: string[]; taskIds: string[] } | string {
  const objects = (v: unknown, key: string): string[] | undefined => {
    if (!Array.isArray(v)) return undefined;
    const out: string[] = [];
    for (const x of v) {
      if (typeof x !== 'object' || x === null) return undefined;
      const id = (x as Record<string, unknown>)[key];
      if (id === undefined) continue; // `id` is optional in the current edition
      if (typeof id !== 'string') return undefined;
      out.push(id);
    }
    return out;
  };
  const taskKey = edition === 'current' ? 'id' : 'task_id';
  const taskIds = objects(input.tasks, taskKey);
  if (edition === 'intl-2022') {
    if (typeof input.apps !== 'string' || !taskIds)
      return 'apps must be a text and tasks an array of {"task_id": …}';
    return { appIds: input.apps.split(',').filter(Boolean), taskIds };
  }
  const appKey = edition === 'current' ? 'id' : 'app_id';
  const appIds = objects(input.apps, appKey);
  if (!appIds || !taskIds) {
    return `apps and tasks must be arrays of {"${appKey}": …} and {"${taskKey}": …}`;
  }
  return { appIds, taskIds };
}
