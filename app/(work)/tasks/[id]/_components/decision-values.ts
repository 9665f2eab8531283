import type { FormField } from '@/lib/domain/case-definition';

/**
 * The decision form's text values read as the API expects them: numbers for money and number
 * fields, with a message per field that is missing or out of range. The server checks again.
 */
export function readDecision(
  fields: FormField[],
  values: Record<string, string>,
): { data: Record<string, unknown>; errors: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    if (!raw) {
      if (f.required) errors[f.name] = `${f.label} is required`;
      continue;
    }
    if (f.type === 'money' || f.type === 'number') {
      const n = Number(raw.replace(/[,\s$]/g, ''));
      if (!Number.isFinite(n)) errors[f.name] = `${f.label} must be a number`;
      else if (f.min !== undefined && n < f.min)
        errors[f.name] = `${f.label} must be at least ${f.min}`;
      else if (f.max !== undefined && n > f.max)
        errors[f.name] = `${f.label} must be at most ${f.max}`;
      else data[f.name] = n;
    } else data[f.name] = raw;
  }
  return { data, errors };
}

/**
 * A field's problem as a sentence: the server words them after the field ("is required: …",
 * "must not exceed …"), so those get the field's label in front; whole sentences stay as they are.
 */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  return message && /^[a-z]/.test(message) ? `${label} ${message}` : message;
}
