/**
 * Types of the Handoff public API (/api/v1), generated from lib/http/openapi.ts by
 * scripts/generate-api-client.ts (npm run api:client). Do not edit by hand.
 */
export interface paths {
  '/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List cases, newest first (scope cases:read)
     * @description Cases newest first, filtered by status, type or a reference or claimant name, keyset-paged with nextCursor.
     */
    get: operations['listCases'];
    put?: never;
    /**
     * Open a case (scope cases:write)
     * @description Opens a case of a case type with its data, validated against the type’s fields, and routes its first task. Idempotent per Idempotency-Key.
     */
    post: operations['openCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A case with all its tasks and its history (scope cases:read)
     * @description One case with its data, every task and the latest page of its history.
     */
    get: operations['getCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search tasks (scope tasks:read)
     * @description The inbox’s search: a queue, filters and a sort, paged with a keyset cursor (no offsets, so every page costs the same at a million open tasks). Without onBehalfOf the token reads every task (queue `all` by default; `mine` needs onBehalfOf); with it, exactly that person’s inbox. Case-field filters are `cf.<path>.<op>=<value>` (e.g. `cf.fraudScore.gte=0.5`).
     */
    get: operations['searchTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A task with its case (scope tasks:read)
     * @description The task (its form: the outcomes and their fields; due times; group and assignee) with its case’s reference, type, status and data. With onBehalfOf, only a task that person may see, and their four-eyes bar.
     */
    get: operations['getTask'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Claim a task on behalf of a person (scope tasks:write)
     * @description Claims the task for onBehalfOf, under exactly that person’s permissions: a member of the task’s group (or its supervisor), not barred by four eyes. Audited as "token:<name> for <e-mail>" with the token’s id and name in `metadata.via`. Of two claims at once one wins; the other is a 409.
     */
    post: operations['claimTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Complete a task on behalf of its assignee (scope tasks:write)
     * @description Completes the task with an outcome and its form, as onBehalfOf (who must hold it), and moves the case on — in one transaction. Payout authority applies: an amount above the person’s authority opens an approval step instead of paying; four eyes bars approving one’s own decision (403, `details.fourEyes`). Four eyes also holds per token: an approval step is refused (403, `details.fourEyes`) when this token recorded the decision under approval or any earlier decision on the case, on behalf of whomever — one system is not maker and checker. Another token, or the approver signed in, may approve. Tokens count by id: two tokens are two credentials, whatever their names.
     */
    post: operations['completeTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Release a task to its queue on behalf of a person (scope tasks:write)
     * @description Puts the task back in its group’s queue, as onBehalfOf: the assignee, or a supervisor of the group (who then gives a reason, sent to the assignee).
     */
    post: operations['releaseTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export the audit trail (scope audit:read)
     * @description Every audit event, newest first, keyset-paged: pass nextBefore as before for the next page. Filters: a case, an action prefix, an actor label substring, and a time window [from, to). Actor and action filters without a case need a window of at most 31 days, so an export never walks the whole trail.
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export the case's evidence bundle as a file (scopes cases:read and audit:read; in the browser, a supervisor's or admin's session). Recorded as case.evidence_exported
     * @description The case’s evidence bundle: its data, tasks, routing, SLA versions and audit chain with the checkpoints that sign it, as one verifiable file.
     */
    get: operations['exportEvidenceBundle'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Earlier history of a case, a page at a time (scope cases:read)
     * @description The case’s history before an entry, newest page first: pass historyNextBefore, then each page’s nextBefore.
     */
    get: operations['listCaseHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}/evidence/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Verify the case's audit hash chain: every event recomputed in the database (scope cases:read)
     * @description Re-checks the case’s audit hash chain in the database and answers whether every link holds, with each problem found.
     */
    get: operations['verifyCaseEvidence'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add photos, PDFs or estimates to a case (scope cases:write)
     * @description Allowed types: PNG, JPEG, GIF, WebP, PDF, or UTF-8 text/CSV, decided from the file's bytes (a file whose content is not one of them is a 400 whatever its name). Each request carries at most 10 files totalling at most HANDOFF_MAX_DOCUMENT_BYTES (default 10 MiB). Each document is recorded as document.uploaded.
     */
    post: operations['uploadDocuments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cases/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report an event the case waits for, e.g. information_received (scope cases:write)
     * @description Tells a waiting case that what it waits for arrived (e.g. the claimant answered): the case moves on and paused task clocks resume.
     */
    post: operations['reportCaseEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'case.opened': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * case.opened event
     * @description A case was opened (by the API, a form or the engine). Sent to every active subscription of `case.opened` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onCaseOpened'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'case.waiting': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * case.waiting event
     * @description A case started waiting for an external event or a time. Sent to every active subscription of `case.waiting` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onCaseWaiting'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'case.resumed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * case.resumed event
     * @description A waiting case resumed. Sent to every active subscription of `case.resumed` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onCaseResumed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'case.closed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * case.closed event
     * @description A case was closed; data.resolution says how. Sent to every active subscription of `case.closed` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onCaseClosed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.created event
     * @description A human task was created on a case. Sent to every active subscription of `task.created` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.claimed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.claimed event
     * @description A task was claimed by a person (who is not disclosed). Sent to every active subscription of `task.claimed` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskClaimed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.released': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.released event
     * @description A claimed task was released back to its queue (by its assignee, or because its assignee was deactivated). Sent to every active subscription of `task.released` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskReleased'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.reassigned': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.reassigned event
     * @description A task was reassigned. Sent to every active subscription of `task.reassigned` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskReassigned'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.escalated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.escalated event
     * @description A task was escalated by the SLA sweep. Sent to every active subscription of `task.escalated` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskEscalated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.completed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.completed event
     * @description A task was completed; data.outcome is the chosen outcome. Sent to every active subscription of `task.completed` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskCompleted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'task.cancelled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * task.cancelled event
     * @description A task was cancelled. Sent to every active subscription of `task.cancelled` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.
     */
    post: operations['onTaskCancelled'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    Error: {
      error: {
        /** @enum {string} */
        code:
          | 'validation'
          | 'unauthenticated'
          | 'forbidden'
          | 'not_found'
          | 'conflict'
          | 'invalid_transition'
          | 'unprocessable'
          | 'payload_too_large'
          | 'unsupported_media_type'
          | 'rate_limited'
          | 'internal';
        message: string;
        /** @description Field path → what is wrong with it, e.g. "data.damageEstimate": "must be a number". */
        fields?: {
          [key: string]: string;
        };
      };
    };
    AutoClaimData: {
      policyNumber: string;
      claimant: {
        name: string;
        /** Format: email */
        email: string;
      };
      /** Format: date */
      incidentDate: string;
      damageEstimate: number;
      deductible: number;
      coverageLimit: number;
      fraudScore: number;
    };
    Task: {
      /** Format: uuid */
      id?: string;
      name?: string;
      step?: string;
      /** @enum {string} */
      status?: 'ready' | 'claimed' | 'completed' | 'cancelled';
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      group?: {
        key?: string;
        name?: string;
      } | null;
      /** @description E-mail of the assignee */
      assignee?: string | null;
      /** Format: date-time */
      dueAt?: string | null;
      routing?: {
        ruleId?: string | null;
        ruleVersion?: number | null;
        ruleName?: string | null;
        summary?: string;
      } | null;
    };
    /** @description What a token without cases:read learns about the case it opened: enough to refer to it, not its data or routing. */
    CaseReceipt: {
      /** Format: uuid */
      id: string;
      /** @example CLM-2026-000123 */
      reference: string;
      /** @enum {string} */
      status: 'open' | 'waiting' | 'closed' | 'cancelled';
    };
    /** @description A row of the work list. */
    TaskSummary: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      status: 'ready' | 'claimed' | 'completed' | 'cancelled';
      /** @enum {string} */
      priority: 'low' | 'normal' | 'high' | 'urgent';
      version: number;
      /** Format: date-time */
      dueAt: string | null;
      /** Format: date-time */
      dueSoonAt?: string | null;
      /** Format: date-time */
      createdAt: string;
      escalationLevel?: number;
      case: {
        /** Format: uuid */
        id: string;
        /** @example CLM-2026-000123 */
        reference: string;
        /** @example auto-claim */
        type: string;
        title?: string | null;
        amountCents?: number | null;
      };
      group: {
        /** Format: uuid */
        id: string;
        name: string;
      } | null;
      assignee: {
        /** Format: uuid */
        id: string;
        name: string;
      } | null;
      /** @description With onBehalfOf: true when four eyes bars that person from this approval. Null without onBehalfOf. */
      fourEyes?: boolean | null;
    };
    TaskPage: {
      tasks: components['schemas']['TaskSummary'][];
      /** @description Matching tasks; exact unless totalCapped (then more than this many) */
      total: number | null;
      totalCapped: boolean;
      /** @description Pass as cursor for the next page; null on the last page. A page may hold fewer tasks than limit (even none) and still have a next cursor when scanLimited. */
      nextCursor: string | null;
      /** @description A type or case-field filter looked at only the next few thousand tasks of the queue (in page order) for this page and its count: the page may be short and total is then a lower bound. Follow nextCursor to look further. */
      scanLimited: boolean;
    };
    TaskDetail: {
      task: {
        /** Format: uuid */
        id: string;
        name: string;
        step: string;
        /** @enum {string} */
        status: 'ready' | 'claimed' | 'completed' | 'cancelled';
        /** @enum {string} */
        priority: 'low' | 'normal' | 'high' | 'urgent';
        version: number;
        /** @description What completing may answer, each with the form it takes */
        outcomes: {
          /** @example approve */
          key: string;
          label: string;
          fields: {
            [key: string]: unknown;
          }[];
        }[];
        context?: {
          [key: string]: unknown;
        };
        /** Format: date-time */
        dueAt: string | null;
        /** Format: date-time */
        dueSoonAt?: string | null;
        /** Format: date-time */
        slaDueAt?: string | null;
        /** Format: date-time */
        pausedAt?: string | null;
        escalationLevel?: number;
        /** Format: date-time */
        createdAt?: string;
        /** Format: date-time */
        claimedAt?: string | null;
        /** Format: date-time */
        completedAt?: string | null;
        outcome?: string | null;
        group?: {
          /** Format: uuid */
          id?: string;
          key?: string;
          name?: string;
        } | null;
        assignee?: {
          /** Format: uuid */
          id?: string;
          name?: string;
          email?: string;
        } | null;
        /** @description With onBehalfOf: why four eyes bars that person from this approval — or bars this token, which recorded a decision the approval checks (four eyes per credential) — or null */
        fourEyes?: string | null;
      };
      case: {
        /** Format: uuid */
        id: string;
        reference: string;
        type: string | null;
        typeName?: string | null;
        /** @enum {string} */
        status: 'open' | 'waiting' | 'closed' | 'cancelled';
        resolution?: string | null;
        /** @enum {string} */
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        data: {
          [key: string]: unknown;
        };
      };
    };
    TaskState: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** @enum {string} */
      status: 'ready' | 'claimed' | 'completed' | 'cancelled';
      version: number;
      /** Format: uuid */
      assigneeId: string | null;
      outcome?: string | null;
      /** Format: date-time */
      completedAt?: string | null;
    };
    AuditEvent: {
      id: number;
      /** Format: date-time */
      occurredAt: string;
      /** @enum {string} */
      actorType: 'user' | 'token' | 'system' | 'anonymous';
      actorId?: string | null;
      /** @description Who: an e-mail, "token:<name>", "token:<name> for <e-mail>" (a token on behalf of a person), "system:<name>" */
      actorLabel: string;
      /** @example task.claimed */
      action: string;
      entityType: string;
      entityId?: string | null;
      /** Format: uuid */
      caseId?: string | null;
      caseReference?: string | null;
      /** Format: uuid */
      taskId?: string | null;
      summary: string;
      before?: {
        [key: string]: unknown;
      } | null;
      after?: {
        [key: string]: unknown;
      } | null;
      metadata?: {
        [key: string]: unknown;
      };
      /** @description The event’s link in its audit hash chain (hex sha256) */
      hash?: string | null;
    };
    /** @description The envelope every outbound event has. It carries no more than a cases:read token can read: statuses, references and outcomes, never case data, comments or people. */
    WebhookEvent: {
      /**
       * Format: uuid
       * @description The event id (also Handoff-Event-Id); deduplicate on it.
       */
      id: string;
      /** @enum {string} */
      type:
        | 'case.opened'
        | 'case.waiting'
        | 'case.resumed'
        | 'case.closed'
        | 'task.created'
        | 'task.claimed'
        | 'task.released'
        | 'task.reassigned'
        | 'task.escalated'
        | 'task.completed'
        | 'task.cancelled';
      /** Format: date-time */
      occurredAt: string;
      /**
       * @description The key of the case type, e.g. auto_claim
       * @example auto_claim
       */
      caseType: string;
      case: components['schemas']['WebhookCase'];
      task?: components['schemas']['WebhookTask'];
      /** @description What changed, where known: the before/after values of status, resolution, outcome, priority, dueAt and level. */
      data: {
        before?: components['schemas']['WebhookChange'];
        after?: components['schemas']['WebhookChange'];
      };
    };
    WebhookChange: {
      status?: string;
      resolution?: string | null;
      outcome?: string | null;
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /** Format: date-time */
      dueAt?: string | null;
      level?: number | string;
    };
    /** @description The case as it is once the change committed. */
    WebhookCase: {
      /** Format: uuid */
      id: string;
      /** @example CLM-2026-000123 */
      reference: string;
      /** @enum {string} */
      status: 'open' | 'waiting' | 'closed' | 'cancelled';
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
    };
    /** @description The task the event is about, as it is once the change committed. */
    WebhookTask: {
      /** Format: uuid */
      id: string;
      name: string;
      step: string;
      /** @enum {string} */
      status: 'ready' | 'claimed' | 'completed' | 'cancelled';
      /** @enum {string} */
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      /** Format: date-time */
      dueAt?: string | null;
    };
    /** @description A case was opened (by the API, a form or the engine). */
    CaseOpenedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'case.opened';
    };
    /** @description A case started waiting for an external event or a time. */
    CaseWaitingEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'case.waiting';
    };
    /** @description A waiting case resumed. */
    CaseResumedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'case.resumed';
    };
    /** @description A case was closed; data.resolution says how. */
    CaseClosedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'case.closed';
    };
    /** @description A human task was created on a case. */
    TaskCreatedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.created';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A task was claimed by a person (who is not disclosed). */
    TaskClaimedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.claimed';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A claimed task was released back to its queue (by its assignee, or because its assignee was deactivated). */
    TaskReleasedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.released';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A task was reassigned. */
    TaskReassignedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.reassigned';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A task was escalated by the SLA sweep. */
    TaskEscalatedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.escalated';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A task was completed; data.outcome is the chosen outcome. */
    TaskCompletedEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.completed';
      task: components['schemas']['WebhookTask'];
    };
    /** @description A task was cancelled. */
    TaskCancelledEvent: components['schemas']['WebhookEvent'] & {
      /** @constant */
      type: 'task.cancelled';
      task: components['schemas']['WebhookTask'];
    };
    HistoryEntry: {
      id?: number;
      /** Format: date-time */
      occurredAt?: string;
      actorType?: string;
      actorLabel?: string;
      /** @example task.completed */
      action?: string;
      summary?: string;
    };
    /** @description A link of an audit hash chain that does not hold */
    ChainProblem: {
      /** @description "case:<id>" or "global" */
      chain: string;
      /** @description The place in the chain where it breaks */
      seq: number;
      eventId: number | null;
      /** @enum {string} */
      problem:
        | 'content changed'
        | 'link broken'
        | 'event missing before'
        | 'event out of place'
        | 'wrong chain'
        | 'newest events missing';
    };
    Document: {
      /** Format: uuid */
      id: string;
      /** @description The uploaded name without path, control characters or lone surrogates */
      fileName: string;
      /**
       * @description Detected from the bytes (magic numbers), not taken from the upload
       * @example application/pdf
       */
      contentType: string;
      sizeBytes: number;
      sha256: string;
      /** @example API token intake */
      uploadedBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      taskId?: string | null;
      taskName?: string | null;
      /** @enum {string|null} */
      previewable?: 'image' | 'pdf' | null;
    };
    Case: {
      /** Format: uuid */
      id?: string;
      /** @example CLM-2026-000123 */
      reference?: string;
      /** @enum {string} */
      status?: 'open' | 'waiting' | 'closed' | 'cancelled';
      resolution?: string | null;
      priority?: string;
      data?: Record<string, never>;
      /** @description Open tasks */
      tasks?: components['schemas']['Task'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listCases: {
    parameters: {
      query?: {
        status?: 'open' | 'waiting' | 'closed' | 'cancelled';
        type?: string;
        /** @description A reference, or the start of a claimant name */
        q?: string;
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of cases and the next cursor (null at the end) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  openCase: {
    parameters: {
      query?: never;
      header: {
        /** @description The same key returns the same case; the same key with another body is a 409. */
        'Idempotency-Key': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example auto-claim */
          caseType: string;
          data: components['schemas']['AutoClaimData'];
          /** @enum {string} */
          priority?: 'low' | 'normal' | 'high' | 'urgent';
        };
      };
    };
    responses: {
      /** @description The case with its open tasks (also for a replay of the same key; header Idempotent-Replayed: true). A token without the cases:read scope gets only id, reference and status. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            case?: components['schemas']['Case'] | components['schemas']['CaseReceipt'];
          };
        };
      };
      /** @description Invalid body or missing Idempotency-Key; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The key was used with another body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body over HANDOFF_MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown case type */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description case, tasks, and the latest 50 history entries (oldest first); historyNextBefore (null at the start) asks /cases/{id}/history for earlier ones */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query or path parameter the database cannot store (NUL, lone surrogate); fields names it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  searchTasks: {
    parameters: {
      query?: {
        /** @description Read as this case worker (e-mail or user id; an admin is a 403 naming `onBehalfOf`): only what they may see, with their four-eyes bars. Without it the token reads every task. */
        onBehalfOf?: string;
        /** @description mine, due_today, overdue, escalated, all or group:<group id> */
        queue?: string;
        /** @description open (ready or claimed; default) or one open status */
        status?: 'open' | 'ready' | 'claimed';
        /** @description Only tasks of this priority */
        priority?: 'low' | 'normal' | 'high' | 'urgent';
        /** @description Only overdue, due soon or on-time tasks */
        due?: 'overdue' | 'due_soon' | 'on_time';
        /** @description Case type key */
        type?: string;
        /** @description Words matched against the case reference, claimant and policy number */
        q?: string;
        /** @description due (default), priority or age */
        sort?: 'due' | 'priority' | 'age';
        /** @description nextCursor of the previous page (with the same sort) */
        cursor?: string;
        /** @description Page size */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tasks */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskPage'];
        };
      };
      /** @description Invalid filter, cursor or onBehalfOf; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks tasks:read, or onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description A group queue the person (or the token) cannot see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getTask: {
    parameters: {
      query?: {
        /** @description Read as this case worker (e-mail or user id; an admin is a 403 naming `onBehalfOf`): only what they may see, with their four-eyes bars. Without it the token reads every task. */
        onBehalfOf?: string;
      };
      header?: never;
      path: {
        /** @description The task id; a malformed one is a 400 naming `id`. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task and its case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskDetail'];
        };
      };
      /** @description Malformed id or onBehalfOf; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks tasks:read, or onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task, or not one the person may see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  claimTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The task id; a malformed one is a 400 naming `id`. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description The e-mail or user id of the case worker (adjuster or supervisor) the token acts for. Unknown or inactive: 400 naming `onBehalfOf`. An admin: 403 naming `onBehalfOf` ("API tokens act for case workers, not admins"), so an admin’s reach and payout authority are never a token’s. Every change made this way is audited as "token:<name> for <e-mail>" with `metadata.via` = { tokenId, tokenName }.
           * @example adjuster@example.com
           */
          onBehalfOf: string;
          /** @description The task version the caller last saw; another is a 409 with currentVersion. */
          version?: number;
        };
      };
    };
    responses: {
      /** @description The task after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            task: components['schemas']['TaskState'];
          };
        };
      };
      /** @description Invalid id or body, or onBehalfOf names no active user; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks tasks:write, onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins), or the person may not do this (not in the task’s group, not the assignee, four eyes); the reason is in the message and audited */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task, or not one the person may see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The task changed meanwhile (version), is with someone else, or the step does not allow it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body over HANDOFF_MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Content-Type is not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  completeTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The task id; a malformed one is a 400 naming `id`. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description The e-mail or user id of the case worker (adjuster or supervisor) the token acts for. Unknown or inactive: 400 naming `onBehalfOf`. An admin: 403 naming `onBehalfOf` ("API tokens act for case workers, not admins"), so an admin’s reach and payout authority are never a token’s. Every change made this way is audited as "token:<name> for <e-mail>" with `metadata.via` = { tokenId, tokenName }.
           * @example adjuster@example.com
           */
          onBehalfOf: string;
          /** @example approve */
          outcome: string;
          /** @description The outcome’s form, e.g. { "payoutAmount": 27700 } */
          data?: {
            [key: string]: unknown;
          };
          /** @description The task version the caller last saw; another is a 409 with currentVersion. */
          version?: number;
        };
      };
    };
    responses: {
      /** @description The task after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            task: components['schemas']['TaskState'];
          };
        };
      };
      /** @description Invalid id or body, or onBehalfOf names no active user; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks tasks:write, onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins), or the person may not do this (not in the task’s group, not the assignee, four eyes); the reason is in the message and audited */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task, or not one the person may see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The task changed meanwhile (version), is with someone else, or the step does not allow it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body over HANDOFF_MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Content-Type is not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  releaseTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The task id; a malformed one is a 400 naming `id`. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description The e-mail or user id of the case worker (adjuster or supervisor) the token acts for. Unknown or inactive: 400 naming `onBehalfOf`. An admin: 403 naming `onBehalfOf` ("API tokens act for case workers, not admins"), so an admin’s reach and payout authority are never a token’s. Every change made this way is audited as "token:<name> for <e-mail>" with `metadata.via` = { tokenId, tokenName }.
           * @example adjuster@example.com
           */
          onBehalfOf: string;
          /** @description The task version the caller last saw; another is a 409 with currentVersion. */
          version?: number;
          reason?: string | null;
        };
      };
    };
    responses: {
      /** @description The task after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            task: components['schemas']['TaskState'];
          };
        };
      };
      /** @description Invalid id or body, or onBehalfOf names no active user; fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks tasks:write, onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins), or the person may not do this (not in the task’s group, not the assignee, four eyes); the reason is in the message and audited */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task, or not one the person may see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The task changed meanwhile (version), is with someone else, or the step does not allow it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body over HANDOFF_MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Content-Type is not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        /** @description Only events of this case */
        caseId?: string;
        /** @description Only actions starting with this, e.g. "task." or "payout.approved". Without caseId it needs a time window: from and to at most 31 days apart (else a 400 naming `from`). */
        action?: string;
        /** @description Only actor labels containing this (case-insensitive). No index serves it: without caseId it needs a time window, from and to at most 31 days apart (else a 400 naming `from`). */
        actor?: string;
        /** @description Events at or after this instant (ISO 8601 with a time zone). Required, with to at most 31 days later, when actor or action is given without caseId. */
        from?: string;
        /** @description Events before this instant (ISO 8601 with a time zone); after from. Required with from when actor or action is given without caseId. */
        to?: string;
        /** @description nextBefore of the previous page (an event id) */
        before?: number;
        /** @description Page size */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events and the cursor of the next (null at the end) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            events: components['schemas']['AuditEvent'][];
            nextBefore: number | null;
          };
        };
      };
      /** @description Invalid filter or cursor, or an actor or action filter without caseId and without a window of at most 31 days (fields.from); fields names each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  exportEvidenceBundle: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bundle, as an attachment named evidence-<reference>.json (Content-Disposition) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            format: 'handoff-evidence-bundle';
            /** @constant */
            version: 1;
            /** Format: date-time */
            exportedAt: string;
            case: Record<string, never>;
            tasks: Record<string, never>[];
            routing: Record<string, never>;
            slaPolicyVersions: Record<string, never>[];
            timeline: Record<string, never>;
            checkpoints: Record<string, never>[];
            /** @description sha256 over the canonical JSON of everything else in the bundle */
            digest: {
              /** @constant */
              algorithm?: 'sha256';
              covers?: string;
              value?: string;
            };
          };
        };
      };
      /** @description A query or path parameter the database cannot store (NUL, lone surrogate); fields names it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case, or not one the caller may read */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listCaseHistory: {
    parameters: {
      query?: {
        /** @description historyNextBefore or nextBefore of the page shown last */
        before?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entries before `before`, oldest first, and the next cursor */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            history?: components['schemas']['HistoryEntry'][];
            nextBefore?: number | null;
          };
        };
      };
      /** @description Invalid before or limit */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  verifyCaseEvidence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description verified (true when every link holds), the events and chains checked, and the first broken link (chain, seq, eventId, problem) or null */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            verified: boolean;
            events: number;
            chains: number;
            firstBreak: components['schemas']['ChainProblem'] | null;
            problems: components['schemas']['ChainProblem'][];
            /** @description The signed checkpoints covering the chain; keyConfigured false: signatures not checked on this server */
            checkpoints?: {
              count?: number;
              keyConfigured?: boolean;
              problems?: {
                checkpointId?: number;
                /** @enum {string} */
                problem?:
                  | 'unknown key'
                  | 'signature invalid'
                  | 'heads changed'
                  | 'chain of checkpoints broken';
              }[];
            };
            /** Format: date-time */
            checkedAt?: string;
          };
        };
      };
      /** @description A query or path parameter the database cannot store (NUL, lone surrogate); fields names it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  uploadDocuments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** @description One or more parts named `file` */
          file: string[];
          /**
           * Format: uuid
           * @description A task of the case the documents belong to
           */
          taskId?: string;
        };
      };
    };
    responses: {
      /** @description The stored documents, in the order sent */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            documents?: components['schemas']['Document'][];
          };
        };
      };
      /** @description No file, an empty file, a type not allowed, too many files, an unknown taskId or a body that is not multipart; fields names the problem (file, taskId) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The files are larger than HANDOFF_MAX_DOCUMENT_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not multipart/form-data */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  reportCaseEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          type: string;
          data?: Record<string, never>;
        };
      };
    };
    responses: {
      /** @description Accepted: the follow-up task is open, and task clocks paused for this event have resumed. `resumedClocks` counts them; with cases:read, `resumedTasks` lists them and `case` is the whole case. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            case: Record<string, never>;
            resumedClocks: number;
            resumedTasks?: Record<string, never>[];
          };
        };
      };
      /** @description A query or path parameter the database cannot store (NUL, lone surrogate); fields names it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown, expired or revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The token lacks the scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The case waits for no such event, and no task clock is paused for it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Body over HANDOFF_MAX_BODY_BYTES */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  onCaseOpened: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseOpenedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCaseWaiting: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseWaitingEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCaseResumed: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseResumedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCaseClosed: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseClosedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskCreated: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskCreatedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskClaimed: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskClaimedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskReleased: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskReleasedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskReassigned: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskReassignedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskEscalated: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskEscalatedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskCompleted: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskCompletedEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onTaskCancelled: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.
         * @example t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
         */
        'Handoff-Signature': string;
        /** @description The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it. */
        'Handoff-Event-Id': string;
        /** @description The event type, also in the body as `type`. */
        'Handoff-Event-Type': string;
        /** @description The attempt number of this delivery, from 1. */
        'Handoff-Delivery-Attempt': number;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskCancelledEvent'];
      };
    };
    responses: {
      /** @description Received: the delivery is done (the body is ignored). */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not received (any other status, a timeout or a redirect): retried later with backoff. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
