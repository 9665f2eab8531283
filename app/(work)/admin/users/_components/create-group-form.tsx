'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '../../../../_components/api-client';
import { formText } from '../../../../_components/form-text';
import {
  Button,
  Field,
  Input,
  toApiProblem,
  useApiMutation,
  type NoticeState,
} from '../../../../_components/ui';

/** A new group by key and name; members and supervisor are chosen afterwards. */
export function CreateGroupForm({ onNotice }: { onNotice: (notice: NoticeState) => void }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useApiMutation({
    mutationFn: (body: { key: string; name: string }) =>
      api<{ group: { name: string } }>('/api/admin/groups', { method: 'POST', body }),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const body = { key: formText(form, 'key'), name: formText(form, 'name') };
    create.mutate(body, {
      onSuccess: ({ group }) => {
        setErrors({});
        onNotice({
          tone: 'ok',
          text: `Group ${group.name} created. Add members on the users above and choose its supervisor.`,
        });
        formEl.reset();
        router.refresh();
      },
      onError: (err) => {
        const problem = toApiProblem(err, 'Could not create the group.');
        setErrors(problem.fields);
        onNotice({ tone: 'error', text: problem.message });
      },
    });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="New group"
      className="flex flex-wrap items-start gap-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      noValidate
    >
      <Field
        id="group-key"
        label="Key"
        hint="Lowercase, digits and dashes; rules and SLA levels refer to it."
        error={errors.key}
        className="w-56"
      >
        {(control) => (
          <Input
            {...control}
            block
            name="key"
            required
            placeholder="claims-east"
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
          />
        )}
      </Field>
      <Field id="group-name" label="Name" error={errors.name} className="w-64">
        {(control) => (
          <Input {...control} block name="name" required minLength={2} placeholder="Claims East" />
        )}
      </Field>
      <Button type="submit" disabled={create.isPending} className="mt-6">
        Create group
      </Button>
    </form>
  );
}
