export type Subscription = {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  caseTypeId: string | null;
  active: boolean;
  secretHint: string;
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
