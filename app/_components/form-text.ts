/** A text field's value from FormData: "" when the field is missing (or, oddly, a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
