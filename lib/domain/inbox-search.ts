/**
 * The words of an inbox search. Each word must match the start of a word of the case's
 * reference, claimant or policy number (cases.search_text); punctuation around a word
 * ("Ivanova," or "(POL-1234)") is not part of it.
 */

/** Longest search the inbox takes, in characters. */
export const MAX_SEARCH_LENGTH = 100;

/** Most words in one search: each is one more condition on the trigram index. */
export const MAX_SEARCH_WORDS = 8;

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The distinct words of `q`, in order, without surrounding punctuation. */
export function searchWords(q: string): string[] {
  const words = q
    .split(/\s+/u)
    .map((w) => w.replace(EDGE_PUNCTUATION, ''))
    .filter(Boolean);
  return [...new Set(words)];
}
