import { sql, type SQL } from 'drizzle-orm';

/*
 * The folding the inbox search relies on (cases.search_text), as SQL that both the generated
 * column and the query apply, so stored text and typed words pass through the same function
 * in the same database: lower case (the database's own lower(), whatever its locale) and Latin
 * letters without their accents ("Müller" is found by "muller", "Çelik" by "celik").
 */

/** Accented Latin letters, upper and lower case. */
const ACCENTED =
  'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďĐđÈÉÊËèéêëĒēĖėĘęĚěÌÍÎÏìíîïĪīĮįİıÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŞşŠšŢţŤťÙÚÛÜùúûüŪūŮůŰűŲųÝýÿŸŹźŻżŽžŁł';
/** Letters Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = {
  Đ: 'd',
  đ: 'd',
  Ø: 'o',
  ø: 'o',
  ı: 'i',
  Ł: 'l',
  ł: 'l',
};
/** What each of ACCENTED folds to, one for one (translate() maps by position). */
const PLAIN = [...ACCENTED]
  .map((c) => UNDECOMPOSED[c] ?? c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
  .join('');

/** `x` lower-cased and without accents. */
export function searchFold(x: SQL): SQL {
  return sql`translate(lower(${x}), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})`;
}
