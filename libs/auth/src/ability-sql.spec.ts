import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { scopeToSql } from './ability-sql';
import { AppAbility } from './actor';

const columns = { serviceId: 'p.service_id', gpPracticeId: 'p.gp_practice_id' };

function ability(define: (b: AbilityBuilder<AppAbility>) => void): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(builder);
  return builder.build();
}

describe('scopeToSql', () => {
  it('no rule at all means no rows', () => {
    expect(
      scopeToSql(
        ability(() => undefined),
        'read',
        'Patient',
        columns,
        [],
      ),
    ).toBe('FALSE');
  });

  it('an unconditional rule means every row', () => {
    expect(
      scopeToSql(
        ability(({ can }) => can('read', 'Patient')),
        'read',
        'Patient',
        columns,
        [],
      ),
    ).toMatch(/^\(?TRUE\)?$/);
  });

  it('equality conditions become bind parameters, several rules are OR-ed', () => {
    const params: unknown[] = [];
    const sql = scopeToSql(
      ability(({ can }) => {
        can('read', 'Patient', { serviceId: 's1' });
        can('read', 'Patient', { gpPracticeId: 'g1' });
      }),
      'read',
      'Patient',
      columns,
      params,
    );
    expect(sql).toContain(' OR ');
    expect(sql).toContain('p.service_id = $');
    expect(sql).toContain('p.gp_practice_id = $');
    expect([...params].sort()).toEqual(['g1', 's1']);
  });

  it('$in becomes = ANY and a cannot rule becomes AND NOT', () => {
    const params: unknown[] = [];
    const sql = scopeToSql(
      ability(({ can, cannot }) => {
        can('read', 'Patient', { serviceId: { $in: ['s1', 's2'] } });
        cannot('read', 'Patient', { gpPracticeId: 'g9' });
      }),
      'read',
      'Patient',
      columns,
      params,
    );
    expect(sql).toContain('p.service_id = ANY($');
    expect(sql).toContain('NOT (p.gp_practice_id = $');
    expect(params).toEqual(expect.arrayContaining([['s1', 's2'], 'g9']));
  });

  it('refuses a condition field with no mapped column rather than widening the scope', () => {
    const a = ability(({ can }) => can('read', 'Patient', { createdBy: 'u1' }));
    expect(() => scopeToSql(a, 'read', 'Patient', columns, [])).toThrow('no SQL column mapped for condition field createdBy');
  });
});
