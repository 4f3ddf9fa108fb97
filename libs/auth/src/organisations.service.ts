import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, isText, isUuid, Page, toPage } from '@carepath/common';
import { isUniqueViolation } from '@carepath/database';
import { CreateOrganisationRequest, ListOrganisationsQuery, OrganisationResponse } from './dto/organisations.dto';
import { Organisation } from './organisation.entity';
import { AuthError, AuthErrorCode } from './auth.errors';
import { OrganisationType } from './roles';

export function toOrganisationResponse(org: Organisation): OrganisationResponse {
  return { id: org.id, type: org.type, name: org.name, odsCode: org.odsCode };
}

/** Partner organisations (GP practices, VCS organisations) are shared reference data, not patient data. */
@Injectable()
export class OrganisationsService {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationResponse>> {
    const limit = query.limit ?? 25;
    const qb = this.organisations
      .createQueryBuilder('o')
      .orderBy('o.name')
      .addOrderBy('o.id')
      .limit(limit + 1);
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, [isText, isUuid]);
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name, id });
    }
    return toPage(await qb.getMany(), limit, (o) => [o.name, o.id], toOrganisationResponse);
  }

  /** One organisation by id (a patient's GP practice on their page), or null. */
  async get(id: string): Promise<OrganisationResponse | null> {
    const org = await this.organisations.findOneBy({ id });
    return org ? toOrganisationResponse(org) : null;
  }

  async create(body: CreateOrganisationRequest): Promise<OrganisationResponse> {
    if (body.type === 'gp-practice' && !body.odsCode) {
      throw new AuthError(AuthErrorCode.OdsCodeRequired, 'A GP practice needs its ODS code');
    }
    try {
      const saved = await this.organisations.save(
        this.organisations.create({ type: body.type, name: body.name, odsCode: body.odsCode ?? null }),
      );
      return toOrganisationResponse(saved);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AuthError(AuthErrorCode.OdsCodeTaken, 'An organisation with this ODS code already exists');
      throw error;
    }
  }
  /** Whether the organisation exists and is of this type (a patient's GP practice, a consent's VCS organisation). */
  async isOfType(manager: EntityManager, id: string, type: OrganisationType): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM organisation WHERE id = $1 AND type = $2', [id, type]);
    return row !== undefined;
  }

  /** Organisations' names by id. */
  async names(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, name FROM organisation WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Organisations by id: names and ODS codes (a letter's sender and recipient). */
  async summaries(manager: EntityManager, ids: string[]): Promise<Map<string, OrganisationResponse>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; type: Organisation['type']; name: string; ods_code: string | null }[] = await manager.query(
      'SELECT id, type, name, ods_code FROM organisation WHERE id = ANY($1)',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, type: r.type, name: r.name, odsCode: r.ods_code }]));
  }
}
