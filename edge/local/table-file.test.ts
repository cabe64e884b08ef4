import { describe, expect, it } from 'vitest';
import { allBehaviours } from '../behaviours';
import { parseBehavioursTable } from './table-file';

describe('parseBehavioursTable', () => {
  it('round-trips the built-in table, as an array or under "behaviours"', () => {
    // Rule (local only, no CloudFront counterpart): the table file has the shape of the built-in
    // behaviours table, so a printed table can be edited and read back.
    const json = JSON.stringify(allBehaviours);
    expect(parseBehavioursTable(json)).toEqual(allBehaviours);
    expect(parseBehavioursTable(`{"behaviours":${json}}`)).toEqual(allBehaviours);
  });

  it('names every bad field in one error', () => {
    // Rule ("Understand cache policies"): TTLs are non-negative seconds and an origin is one
    // the distribution has; a table that breaks this is refused, naming each field.
    const [first] = allBehaviours;
    const bad = [
      { ...first, origin: 'lambda', cachePolicy: { ...first?.cachePolicy, minTtl: -1 } },
      allBehaviours.at(-1),
    ];
    expect(() => parseBehavioursTable(JSON.stringify(bad), 'my-table.json')).toThrow(
      /my-table\.json is not a valid behaviours table:\n {2}0\.origin: .*\n {2}0\.cachePolicy\.minTtl: /,
    );
  });

  it('refuses a table without the default behaviour last, and text that is not JSON', () => {
    // Rule ("Cache behavior settings"): a distribution always has the default behaviour (*),
    // processed last.
    expect(() => parseBehavioursTable(JSON.stringify(allBehaviours.slice(0, -1)))).toThrow(
      /must end with the default behaviour/,
    );
    expect(() => parseBehavioursTable('{oops', 't.json')).toThrow(/t\.json is not JSON/);
  });
});
