export type Subscription = {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  caseTypeId: string | null;
  active: boolean;
  secretHint: string;
  /** After a rotation with an overlap: until when the old secret also signs (else null). */
  previousSecretExpiresAt: string | null;
  createdAt: string;
};
export type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  caseId: string | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
  nextAttemptAt: string;
  subscriptionName?: string;
};
