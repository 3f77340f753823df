/** ROMA's `assetJobProgress` subscription: an export job followed over SSE, one poll per job for all followers. */
import { builder } from '../../graphql/builder.js';
import { type Context, requestDeadline } from '../../graphql/context.js';
import { createGraphQLError, Repeater } from 'graphql-yoga';
import { FINAL, jobFollower } from './progress.js';
import { openRequestBudget } from '../../http/budget.js';
import { ForbiddenError } from '../../foundations/errors.js';
import { ROMA } from './ref.js';
import { checkRomaId } from './parse.js';
import { AssetJob, type JobShape } from './schema-job.js';

builder.subscriptionType({
  description: 'Live updates, over GraphQL over SSE (`Accept: text/event-stream`).',
});

builder.subscriptionField('assetJobProgress', (t) =>
  t.field({
    complexity: 50,
    type: AssetJob,
    nullable: true,
    description:
      'Follows a ROMA export job: an event each time its status or progress changes, ending after the job ends (SUCCEEDED: ask for `archive`; FAILED: see `reasons`). Null, then the end, when ROMA does not know the job. ROMA is polled every ROMA_JOB_POLL_MS once per job, however many subscribers follow it (across replicas with REDIS_URL); each event is resolved with the deadline of a query. Needs the roma:read scope.',
    args: {
      jobId: t.arg.string({ required: true, description: '`job_id` from `exportAssets`.' }),
      projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
      instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
    },
    subscribe: (_root, args, ctx) => {
      // The same checks as `assetJob`, before any vendor call.
      if (!ctx.principal.scopes.has('roma:read')) {
        throw new ForbiddenError(
          'Not allowed to read Subscription.assetJobProgress: needs the roma:read scope',
        );
      }
      const client = ctx.gateway.vendors.client(ROMA);
      const scope = client.resolveScope(args.projectId, args.instanceId);
      const jobId = checkRomaId('jobId', args.jobId);
      const follower = jobFollower(ctx.gateway);
      const caller = (ctx as Context & { request?: Request }).request?.signal;
      return new Repeater<JobShape | null>(async (push, stop) => {
        let last = '';
        let endDeadline: (() => void) | undefined;
        const unfollow = follower.follow(scope, jobId, (m) => {
          if ('gone' in m) {
            void push(null);
            stop();
            return;
          }
          if ('error' in m) {
            stop(
              createGraphQLError(m.error.message, {
                extensions: { code: m.error.code, vendor: ROMA.vendor },
              }),
            );
            return;
          }
          const seen = `${m.job.status}|${m.job.progress}|${m.job.archiveId}`;
          if (seen === last) return;
          last = seen;
          // Each event's fields (e.g. `archive`, a vendor call) get a query's deadline of their own…
          endDeadline?.();
          const deadline = requestDeadline(ctx.gateway.settings.requestTimeoutMs, caller);
          // …and a query's budget of vendor bytes (LIMIT_VENDOR_BYTES), found by that signal.
          openRequestBudget(deadline.signal, ctx.gateway.settings.limits.vendorBytes);
          ctx.signal = deadline.signal;
          endDeadline = deadline.end;
          void push({ ...m.job, scope });
          if (FINAL.has(m.job.status)) stop();
        });
        await stop;
        unfollow();
        endDeadline?.();
      });
    },
    resolve: (job) => job,
  }),
);
