import type { EvidenceBundle } from '@/lib/evidence/bundle-format';
import { Section } from './section';
import { shortHash, stamp } from './words';

/**
 * Every audit event of the case's chain with the start of its hash, and the signed checkpoints
 * that name one of them. The full hashes and the hashed content are in the file.
 */
export function TimelineSection({
  bundle: b,
  timeZone,
}: {
  bundle: EvidenceBundle;
  timeZone: string;
}) {
  const signedAt = new Map<number, number[]>();
  for (const c of b.checkpoints)
    signedAt.set(c.head.seq, [...(signedAt.get(c.head.seq) ?? []), c.id]);
  const cell = 'border-b border-zinc-100 px-2 py-1 align-top dark:border-zinc-800';
  return (
    <Section id="timeline-heading" title="Timeline">
      <table className="w-full border-collapse text-left text-xs">
        <thead>
          <tr className="text-zinc-500 dark:text-zinc-400">
            <th className={cell}>#</th>
            <th className={cell}>When</th>
            <th className={cell}>Who</th>
            <th className={cell}>What</th>
            <th className={cell}>Hash</th>
          </tr>
        </thead>
        <tbody>
          {b.timeline.events.map((e) => (
            <tr key={`${e.id}-${e.seq}`} className="evidence-keep">
              <td className={`${cell} tabular`}>{e.seq}</td>
              <td className={`${cell} whitespace-nowrap`}>{stamp(e.occurredAt, timeZone)}</td>
              <td className={cell}>{e.actor.label}</td>
              <td className={cell}>
                <span className="font-medium">{e.action}</span> — {e.summary}
              </td>
              <td className={`${cell} font-mono whitespace-nowrap`}>
                {shortHash(e.hash)}
                {signedAt.has(e.seq) ? (
                  <span className="block font-sans text-zinc-500 dark:text-zinc-400">
                    signed in checkpoint {signedAt.get(e.seq)!.join(', ')}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-4 mb-2 text-sm font-semibold">Signed checkpoints</h3>
      <ul className="space-y-1 text-xs">
        {b.checkpoints.map((c) => (
          <li key={c.id} className="evidence-keep">
            Checkpoint {c.id}, {stamp(c.createdAt, timeZone)}, key “{c.keyId}”: names event{' '}
            {c.head.seq} of this case among {c.headCount} chain head(s); heads digest{' '}
            <span className="font-mono">{shortHash(c.headsDigest)}</span>, signature{' '}
            <span className="font-mono">{shortHash(c.signature)}</span>
            {c.heads ? '' : ' (its other heads are checked by the server)'}
          </li>
        ))}
        {b.checkpoints.length ? null : (
          <li className="text-zinc-500 dark:text-zinc-400">
            No signed checkpoint covers this case yet (none is written without a signing key).
          </li>
        )}
      </ul>
    </Section>
  );
}
