import { describe, expect, it } from 'vitest';
import {
  matchMentionable,
  mentionQueryAt,
  resolveHandle,
  resolveMentions,
  splitMentions,
  typedHandles,
} from './mentions';

const bea = { id: 'u-bea', name: 'Bea Brooks', email: 'adjuster2@example.com' };
const sue = { id: 'u-sue', name: 'Sue Supervisor', email: 'supervisor@example.com' };
const alex = { id: 'u-alex', name: 'Alex Adjuster', email: 'adjuster@example.com' };
const beatrice = { id: 'u-bt', name: 'Béatrice Okafor', email: 'b.okafor@example.com' };
const people = [alex, bea, sue];

describe('matchMentionable', () => {
  it('matches any part of the name or the e-mail, name starts first', () => {
    expect(matchMentionable(people, 'bea').map((p) => p.id)).toEqual(['u-bea']);
    expect(matchMentionable(people, 'brooks').map((p) => p.id)).toEqual(['u-bea']);
    expect(matchMentionable(people, 'adjuster2').map((p) => p.id)).toEqual(['u-bea']);
    expect(matchMentionable(people, 'visor').map((p) => p.id)).toEqual(['u-sue']);
    expect(matchMentionable(people, 'adj').map((p) => p.id)).toEqual(['u-alex', 'u-bea']);
    expect(matchMentionable(people, '').map((p) => p.id)).toEqual(['u-alex', 'u-bea', 'u-sue']);
    expect(matchMentionable(people, 'zed')).toEqual([]);
  });

  it('ignores accents and case', () => {
    expect(matchMentionable([...people, beatrice], 'BEAT').map((p) => p.id)).toEqual(['u-bt']);
  });
});

describe('typed handles', () => {
  it('reads @handles but not e-mail addresses, and not the text of picked mentions', () => {
    expect(typedHandles('@bea see ada@example.com, and (@Sue).')).toEqual(['bea', 'sue']);
    expect(typedHandles('Ask @Bea Brooks and @sue', [bea])).toEqual(['sue']);
    expect(typedHandles('thanks @adjuster2.')).toEqual(['adjuster2']);
  });

  it('resolves a handle by e-mail prefix, then a name word, then a unique name-word prefix', () => {
    expect(resolveHandle('adjuster2', people)).toEqual({ person: bea });
    expect(resolveHandle('bea', people)).toEqual({ person: bea });
    expect(resolveHandle('supervisor', people)).toEqual({ person: sue });
    expect(resolveHandle('al', people)).toEqual({ person: alex });
    expect(resolveHandle('be', [...people, beatrice])).toEqual({
      problem: expect.stringMatching(/^matches 2 people \(Bea Brooks, Béatrice Okafor\)/),
    });
    expect(resolveHandle('nobody', people)).toEqual({
      problem: 'matches no one who can be mentioned on this task',
    });
  });

  it('notifies picked people and unique handles, and reports the rest', () => {
    expect(resolveMentions('Hi @Bea Brooks, @sue and @zed', [bea], people)).toEqual({
      userIds: ['u-bea', 'u-sue'],
      unresolved: [{ handle: 'zed', problem: 'matches no one who can be mentioned on this task' }],
    });
    expect(resolveMentions('@bea @adjuster2', [], people).userIds).toEqual(['u-bea']);
  });
});

describe('splitMentions', () => {
  it('sets apart the @Name of each notified person and keeps the rest as text', () => {
    expect(splitMentions('Hi @Bea Brooks, see @bea', [bea])).toEqual([
      { text: 'Hi ' },
      { text: '@Bea Brooks', userId: 'u-bea' },
      { text: ', see @bea' },
    ]);
    expect(splitMentions('old @adjuster2 text', [])).toEqual([{ text: 'old @adjuster2 text' }]);
  });
});

describe('mentionQueryAt', () => {
  it('finds the name being typed after an @, up to first and last name', () => {
    expect(mentionQueryAt('Hi @Be', 6)).toEqual({ start: 3, query: 'Be' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Hi @Bea Br', 10)).toEqual({ start: 3, query: 'Bea Br' });
    expect(mentionQueryAt('Hi @Bea Brooks ', 15)).toBeNull();
    expect(mentionQueryAt('mail ada@ex', 11)).toBeNull();
    expect(mentionQueryAt('Hi @Be\nx', 8)).toBeNull();
  });
});
