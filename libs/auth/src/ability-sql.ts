import { rulesToAST } from '@casl/ability/extra';
import { Action, AppAbility, SubjectType } from './actor';

type Condition = NonNullable<ReturnType<typeof rulesToAST>>;
type FieldNode = { operator: string; field: string; value: unknown };
type CompoundNode = { operator: string; value: Condition[] };

/**
 * Translates the actor's CASL rules for (action, subject) into a SQL boolean
 * expression, so lists and counts are filtered in the database by the same
 * rules that `ability.can()` applies to single records. `columns` maps each
 * condition field to a trusted SQL column; values become bind parameters
 * appended to `params`. No rule at all means no rows.
 */
export function scopeToSql(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  columns: Record<string, string>,
  params: unknown[],
): string {
  const ast = rulesToAST(ability, action, subject);
  if (ast === null) return 'FALSE';
  return toSql(ast, columns, params);
}

function toSql(node: Condition, columns: Record<string, string>, params: unknown[]): string {
  const { operator } = node as unknown as { operator: string };
  if (operator === 'and' || operator === 'or') {
    const parts = (node as unknown as CompoundNode).value.map((child) => toSql(child, columns, params));
    if (parts.length === 0) return operator === 'and' ? 'TRUE' : 'FALSE';
    return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
  }
  if (operator === 'not') {
    const [child] = (node as unknown as CompoundNode).value;
    return `NOT (${toSql(child, columns, params)})`;
  }
  const { field, value } = node as unknown as FieldNode;
  const column = columns[field];
  if (!column) throw new Error(`no SQL column mapped for condition field ${field}`);
  if (operator === 'eq') {
    if (value === null) return `${column} IS NULL`;
    params.push(value);
    return `${column} = $${params.length}`;
  }
  if (operator === 'ne') {
    if (value === null) return `${column} IS NOT NULL`;
    params.push(value);
    return `${column} IS DISTINCT FROM $${params.length}`;
  }
  if (operator === 'in') {
    params.push(value);
    return `${column} = ANY($${params.length})`;
  }
  throw new Error(`condition operator ${operator} is not supported in SQL scopes`);
}

/**
 * The WHERE clause of a list or count: the actor's scope for (action, subject)
 * first, then the caller's filters. Every value is a bind parameter.
 */
export class ListScope {
  private constructor(
    private readonly conditions: string[],
    readonly params: unknown[],
  ) {}

  static of(ability: AppAbility, action: Action, subject: SubjectType, columns: Record<string, string>): ListScope {
    const params: unknown[] = [];
    return new ListScope([scopeToSql(ability, action, subject, columns, params)], params);
  }

  /** Adds a condition; each `?` in it takes the next value as a bind parameter. */
  and(sql: string, ...values: unknown[]): this {
    const placeholders = sql.split('?').length - 1;
    if (placeholders !== values.length) throw new Error(`${placeholders} placeholders for ${values.length} values in: ${sql}`);
    let next = 0;
    this.conditions.push(sql.replace(/\?/g, () => this.param(values[next++])));
    return this;
  }

  /** A bind parameter for the value, e.g. `$3`, to use in the query outside the WHERE clause. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }

  /** The same scope and filters so far, to extend separately (a count without the page's cursor). */
  copy(): ListScope {
    return new ListScope([...this.conditions], [...this.params]);
  }
}
