import { describe, expect, it } from 'vitest';
import { decideStickyAssignee } from './sticky-routing';

const ann = { id: 'u1', name: 'Ann', active: true, outOfOffice: false, member: true };

describe('decideStickyAssignee', () => {
  it('keeps the work with the person who handled the case before', () => {
    expect(decideStickyAssignee(ann)).toEqual({
      kind: 'kept',
      assigneeId: 'u1',
      note: 'Kept with Ann, who handled the case before.',
    });
  });

  it('leaves the choice to the strategy when nobody of the group handled the case', () => {
    expect(decideStickyAssignee(null)).toEqual({ kind: 'strategy' });
  });

  it.each([
    [{ outOfOffice: true }, 'To the queue: Ann is out of office.'],
    [{ active: false }, 'To the queue: Ann is no longer active.'],
    [{ member: false }, 'To the queue: Ann is no longer a member of the group.'],
  ])('sends the work to the queue when the person is away (%o)', (patch, note) => {
    expect(decideStickyAssignee({ ...ann, ...patch })).toEqual({ kind: 'queue', note });
  });
});
