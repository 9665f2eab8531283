'use client';

import { useState } from 'react';
import { Button, Notice } from '../../../../_components/ui';
import { DeliveryTable } from './delivery-table';
import { RotateSecretForm } from './rotate-secret-form';
import { SubscriptionForm } from './subscription-form';
import { SubscriptionTable } from './subscription-table';
import type { Delivery, Subscription } from './types';
import { useWebhooks } from './use-webhooks';

/** Subscriptions (create, edit, disable, rotate, delete), a subscription's deliveries, the dead letters. */
export function WebhookManager({
  events,
  caseTypes,
  subscriptions,
  dead,
  selected,
}: {
  events: { type: string; description: string }[];
  caseTypes: { id: string; key: string; name: string }[];
  subscriptions: Subscription[];
  dead: Delivery[];
  selected: { subscription: Subscription; deliveries: Delivery[] } | null;
}) {
  const w = useWebhooks();
  const [editing, setEditing] = useState<Subscription | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [rotating, setRotating] = useState<Subscription | null>(null);
  const typeName = (id: string | null) =>
    id ? (caseTypes.find((c) => c.id === id)?.name ?? 'Removed type') : 'All case types';
  const replay = (body: { ids: string[] } | { all: true }) =>
    void w.replay(body).then((ok) => ok && setPicked(new Set()));

  return (
    <div className="space-y-8 px-6 py-5">
      <SubscriptionForm
        key={editing?.id ?? 'new'}
        events={events}
        caseTypes={caseTypes}
        editing={editing}
        fields={w.fields}
        busy={w.busy}
        onSave={async (body) => {
          const ok = await w.save(editing, body);
          if (ok) setEditing(null);
          return ok;
        }}
        onCancel={() => setEditing(null)}
      />
      {rotating ? (
        <RotateSecretForm
          key={rotating.id}
          subscription={rotating}
          busy={w.busy}
          error={w.fields.previousSecretValidHours}
          onRotate={(hours) => void w.rotate(rotating, hours).then((ok) => ok && setRotating(null))}
          onCancel={() => setRotating(null)}
        />
      ) : null}
      {w.error ? <Notice tone="error">{w.error}</Notice> : null}
      {w.secret ? <SecretShownOnce {...w.secret} /> : null}
      <section aria-labelledby="wh-subs">
        <h2 id="wh-subs" className="mb-2 text-base font-semibold">
          Subscriptions
        </h2>
        <SubscriptionTable
          subscriptions={subscriptions}
          typeName={typeName}
          busy={w.busy}
          onEdit={setEditing}
          onActive={w.setActive}
          onRotate={setRotating}
          onDelete={w.remove}
        />
      </section>
      {selected ? (
        <section aria-labelledby="wh-recent">
          <h2 id="wh-recent" className="mb-2 text-base font-semibold">
            Recent deliveries of “{selected.subscription.name}”
          </h2>
          <DeliveryTable label="Recent deliveries" rows={selected.deliveries} />
        </section>
      ) : null}
      <section aria-labelledby="wh-dead">
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <h2 id="wh-dead" className="text-base font-semibold">
            Dead letters
          </h2>
          <Button
            size="sm"
            variant="secondary"
            disabled={w.busy || picked.size === 0}
            onClick={() => replay({ ids: [...picked] })}
          >
            Replay selected ({picked.size})
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={w.busy || dead.length === 0}
            onClick={() => replay({ all: true })}
          >
            Replay all
          </Button>
        </div>
        <DeliveryTable
          label="Dead letters"
          rows={dead}
          picked={picked}
          onPick={(id, on) =>
            setPicked((p) => {
              const n = new Set(p);
              if (on) n.add(id);
              else n.delete(id);
              return n;
            })
          }
          onReplay={(id) => replay({ ids: [id] })}
          busy={w.busy}
        />
      </section>
    </div>
  );
}

/** A new signing secret (creation or rotation), shown once. */
function SecretShownOnce({ name, secret }: { name: string; secret: string }) {
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950"
    >
      <p>Signing secret of “{name}”. Copy it now: it is shown only once.</p>
      <code
        className="mt-1 block font-mono text-xs break-all select-all"
        data-testid="webhook-secret"
      >
        {secret}
      </code>
    </div>
  );
}
