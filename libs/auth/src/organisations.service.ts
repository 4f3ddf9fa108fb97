import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decodeCursor, isText, isUuid, Page, toPage } from '@carepath/common';
import { isUniqueViolation } from '@carepath/database';
import { CreateOrganisationRequest, ListOrganisationsQuery, OrganisationResponse } from './dto/organisations.dto';
import { Organisation } from './organisation.entity';
import { AuthError, AuthErrorCode } from './auth.errors';

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
}
