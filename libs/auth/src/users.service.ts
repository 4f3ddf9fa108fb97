import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock, decodeCursor, isText, isUuid, Page, StaleVersion, toPage } from '@carepath/common';
import { execute, isUniqueViolation } from '@carepath/database';
import { ListScope } from './ability-sql';
import { Actor, asSubject } from './actor';

import { AuthService, toUserSummary } from './auth.service';
import { CreateUserRequest, ListUsersQuery, UpdateUserRequest, UserResponse } from './dto/users.dto';
import { hashPassword } from './password';
import { Role, ROLES_BY_ORGANISATION_TYPE } from './roles';
import { User } from './user.entity';
import { AuthError, AuthErrorCode } from './auth.errors';

export function toUserResponse(user: User): UserResponse {
  return { ...toUserSummary(user), disabled: user.disabledAt !== null, version: user.version };
}

const USER_COLUMNS = { id: 'u.id', organisationId: 'u.organisation_id' };

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserResponse>> {
    const limit = query.limit ?? 25;
    const scope = ListScope.of(actor.ability, 'read', 'User', USER_COLUMNS);
    if (query.cursor) {
      const [email, id] = decodeCursor(query.cursor, [isText, isUuid]);
      scope.and('(lower(u.email), u.id) > (?, ?)', email, id);
    }
    const users = await this.listRows(scope, limit);
    return toPage(users, limit, (u) => [u.email.toLowerCase(), u.id], toUserResponse);
  }

  private async listRows(scope: ListScope, limit: number): Promise<User[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.organisation_id, u.email, u.name, u.role, u.discipline, u.disabled_at, u.version
         FROM app_user u WHERE ${scope.where}
        ORDER BY lower(u.email), u.id LIMIT ${limit + 1}`,
      scope.params,
    );
    return rows.map((r) =>
      Object.assign(new User(), {
        id: r.id,
        organisationId: r.organisation_id,
        email: r.email,
        name: r.name,
        role: r.role,
        discipline: r.discipline,
        disabledAt: r.disabled_at,
        version: r.version,
      }),
    );
  }

  async create(actor: Actor, body: CreateUserRequest): Promise<UserResponse> {
    const [org]: { type: keyof typeof ROLES_BY_ORGANISATION_TYPE }[] = await this.dataSource.query(
      'SELECT type FROM organisation WHERE id = $1',
      [actor.organisationId],
    );
    if (!ROLES_BY_ORGANISATION_TYPE[org.type].includes(body.role)) {
      throw new AuthError(AuthErrorCode.RoleNotAllowed, `A ${org.type} organisation cannot have ${body.role} users`);
    }
    if (body.role === 'clinician' && !body.discipline) {
      throw new AuthError(AuthErrorCode.DisciplineRequired, 'A clinician needs a discipline');
    }
    const user = this.users.create({
      organisationId: actor.organisationId,
      email: body.email,
      name: body.name,
      role: body.role,
      discipline: body.role === 'clinician' ? (body.discipline ?? null) : null,
      passwordHash: await hashPassword(body.password),
      disabledAt: null,
    });
    try {
      return toUserResponse(await this.users.save(user));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AuthError(AuthErrorCode.EmailTaken, 'A user with this email already exists');
      throw error;
    }
  }

  async update(actor: Actor, id: string, body: UpdateUserRequest): Promise<UserResponse> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id });
      if (!user || !actor.ability.can('update', asSubject('User', { ...user })))
        throw new AuthError(AuthErrorCode.UserNotFound, 'User not found');
      if (body.disabled === true && user.id === actor.userId) {
        throw new AuthError(AuthErrorCode.CannotDisableSelf, 'You cannot disable your own account');
      }
      if (body.discipline !== undefined && user.role !== 'clinician') {
        throw new AuthError(AuthErrorCode.DisciplineOnlyForClinicians, 'Only clinicians have a discipline');
      }
      const disabledAt = body.disabled === undefined ? user.disabledAt : body.disabled ? (user.disabledAt ?? this.clock.now()) : null;
      const updated = await execute(
        manager,
        `UPDATE app_user SET name = $3, discipline = $4, disabled_at = $5, version = version + 1, updated_at = $6
          WHERE id = $1 AND version = $2`,
        [id, body.version, body.name ?? user.name, body.discipline ?? user.discipline, disabledAt, this.clock.now()],
      );
      if (updated !== 1) throw new StaleVersion('User', body.version);
      if (disabledAt && !user.disabledAt) await this.auth.revokeAllSessions(manager, id, 'account disabled');
      return toUserResponse({
        ...user,
        name: body.name ?? user.name,
        discipline: body.discipline ?? user.discipline,
        disabledAt,
        version: body.version + 1,
      });
    });
  }
  /** Which of these users are active clinicians of the service (lead clinicians, task assignees); in the caller's transaction. */
  async activeClinicians(manager: EntityManager, serviceId: string, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE id = ANY($1) AND organisation_id = $2 AND role = 'clinician' AND disabled_at IS NULL`,
      [ids, serviceId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The active users of an organisation in a role (who is told of an event), leaving out `except` (who caused it). */
  async activeUserIds(manager: EntityManager, organisationId: string, role: Role, except: string | null = null): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = $2 AND disabled_at IS NULL AND id IS DISTINCT FROM $3::uuid`,
      [organisationId, role, except],
    );
    return rows.map((r) => r.id);
  }

  /** Users' names by id, for access logs and reports. */
  async names(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, name FROM app_user WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Users' names and disciplines by id (who wrote or approved a letter). */
  async profiles(manager: EntityManager, ids: string[]): Promise<Map<string, { name: string; discipline: string | null; role: string }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string; discipline: string | null; role: string }[] = await manager.query(
      'SELECT id, name, discipline, role FROM app_user WHERE id = ANY($1)',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, discipline: r.discipline, role: r.role }]));
  }
}
