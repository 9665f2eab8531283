import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { claimNextTask, NOTHING_WAITING } from '@/lib/use-cases/claim-next-task';

/** No options: the body is empty or `{}`. */
const nextBody = z.object({}).strict();

/**
 * Claims the most urgent task waiting for the signed-in person. 200 `{ task }` with the claimed
 * task, or 200 `{ task: null, message }` when none is waiting for them (not an error: an empty
 * queue is good news).
 */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  await parseJson(req, nextBody);
  const task = await claimNextTask(db, actor, now);
  return json(task ? { task } : { task: null, message: NOTHING_WAITING });
});
