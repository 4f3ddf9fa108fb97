import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { ListScope, scopeToSql } from './ability-sql';
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

describe('ListScope', () => {
  const service = ability(({ can }) => can('read', 'Patient', { serviceId: 's1' }));

  it("starts with the actor's scope and numbers each filter's values after it", () => {
    const scope = ListScope.of(service, 'read', 'Patient', columns).and('p.nhs_number = ?', '9434765919');
    const like = scope.param('smi%');
    scope.and(`lower(p.family_name) LIKE ${like}`).and('(p.family_name, p.id) > (?, ?)', 'Smith', 'id-1');
    expect(scope.where).toBe(
      'p.service_id = $1 AND p.nhs_number = $2 AND lower(p.family_name) LIKE $3 AND (p.family_name, p.id) > ($4, $5)',
    );
    expect(scope.params).toEqual(['s1', '9434765919', 'smi%', 'Smith', 'id-1']);
  });

  it('a copy keeps the filters so far and grows on its own (a count without the cursor)', () => {
    const scope = ListScope.of(service, 'read', 'Patient', columns).and('p.status = ?', 'open');
    const counted = scope.copy();
    scope.and('p.id < ?', 'id-9');
    expect(counted.where).toBe('p.service_id = $1 AND p.status = $2');
    expect(counted.params).toEqual(['s1', 'open']);
    expect(scope.params).toEqual(['s1', 'open', 'id-9']);
  });

  it('refuses a filter whose placeholders and values do not match', () => {
    expect(() => ListScope.of(service, 'read', 'Patient', columns).and('p.id = ? OR p.id = ?', 'one')).toThrow(
      '2 placeholders for 1 values',
    );
  });

  it('no rule at all still means no rows, whatever the filters', () => {
    const scope = ListScope.of(
      ability(() => undefined),
      'read',
      'Patient',
      columns,
    ).and('p.status = ?', 'open');
    expect(scope.where).toBe('FALSE AND p.status = $1');
  });
});
