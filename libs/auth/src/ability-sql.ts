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
