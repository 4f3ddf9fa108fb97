import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursor, escapeLike, encodeCursor, Forbidden, isText, isUuid, StaleVersion, ValidationFailed } from '@carepath/common';
import { Actor, asSubject, ListScope, OrganisationsService } from '@carepath/auth';
import { execute } from '@carepath/database';
import {
  CreateDirectoryServiceRequest,
  DirectoryServicePage,
  DirectoryServiceResponse,
  SearchDirectoryQuery,
  UpdateDirectoryServiceRequest,
} from './dto/directory.dto';
import { boundingBox, Category, Day, EARTH_RADIUS_KM, scheduleDays } from './directory.rules';
import { GazetteerService } from './gazetteer.service';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';

export interface ServiceRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  name: string;
  description: string;
  categories: Category[];
  address: string;
  postcode: string;
  latitude: number;
  longitude: number;
  location_approximate: boolean;
  schedule_rrule: string | null;
  schedule_text: string | null;
  days: Day[];
  valid_from: string | null;
  valid_to: string | null;
  cost: string | null;
  accessibility: string | null;
  capacity_status: DirectoryServiceResponse['capacityStatus'];
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  url: string | null;
  version: number;
  distance_km?: number;
}

export const SERVICE_SELECT = `SELECT s.* FROM directory_service s`;

/** A service row before its organisation's name is added (the organisation table is libs/auth's). */
export type UnnamedServiceRow = Omit<ServiceRow, 'organisation_name'>;

/** What other libraries need of a directory service: its name and the organisation that runs it. */
export interface DirectoryServiceSummary {
  id: string;
  name: string;
  organisationId: string;
}

/** Distance in km from ($lat, $lon) by the haversine formula, as SQL over the service row `s`. */
export function distanceSql(lat: string, lon: string): string {
  return `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(s.latitude - ${lat}) / 2), 2)
            + cos(radians(${lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lon}) / 2), 2))))`;
}

export function toServiceResponse(r: ServiceRow): DirectoryServiceResponse {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    name: r.name,
    description: r.description,
    categories: r.categories,
    address: r.address,
    postcode: r.postcode,
    latitude: r.latitude,
    longitude: r.longitude,
    locationApproximate: r.location_approximate,
    schedule: { rrule: r.schedule_rrule, text: r.schedule_text, days: r.days, validFrom: r.valid_from, validTo: r.valid_to },
    cost: r.cost,
    accessibility: r.accessibility,
    capacityStatus: r.capacity_status,
    contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone, url: r.url },
    distanceKm: r.distance_km === undefined ? null : Math.round(r.distance_km * 100) / 100,
    version: r.version,
  };
}

/** A distance in km as the cursor wrote it: finite and no further than round the Earth. */
const isDistance = (v: string) => /^\d+(\.\d+)?(e-?\d+)?$/.test(v) && Number(v) <= 40_075;

/** The community directory: organised by postcode, searched by distance. Not patient data. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gazetteer: GazetteerService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  /** Directory services by id, with the organisation that runs each, in the caller's transaction. */
  async summaries(manager: EntityManager, ids: string[]): Promise<Map<string, DirectoryServiceSummary>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string; organisation_id: string }[] = await manager.query(
      'SELECT id, name, organisation_id FROM directory_service WHERE id = ANY($1)',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, organisationId: r.organisation_id }]));
  }

  /** Adds each service's organisation name, one query for the whole page. */
  async withOrganisationNames(manager: EntityManager, rows: UnnamedServiceRow[]): Promise<ServiceRow[]> {
    const names = await this.organisations.names(manager, [...new Set(rows.map((r) => r.organisation_id))]);
    return rows.map((r) => ({ ...r, organisation_name: names.get(r.organisation_id) as string }));
  }

  async search(query: SearchDirectoryQuery): Promise<DirectoryServicePage> {
    const limit = query.limit ?? 25;
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const today = this.clock.today();
    const where = [`(s.valid_from IS NULL OR s.valid_from <= ${add(today)}) AND (s.valid_to IS NULL OR s.valid_to >= $${params.length})`];
    if (query.category) where.push(`s.categories @> ARRAY[${add(query.category)}]::text[]`);
    if (query.day) where.push(`s.days @> ARRAY[${add(query.day)}]::text[]`);
    if (query.q) {
      const like = add(`%${escapeLike(query.q.toLowerCase())}%`);
      where.push(`(lower(s.name) LIKE ${like} OR lower(s.description) LIKE ${like})`);
    }
    if (!query.postcode) {
      if (query.cursor) {
        const [name, id] = decodeCursor(query.cursor, [isText, isUuid]);
        where.push(`(lower(s.name), s.id) > (${add(name)}, ${add(id)})`);
      }
      const rows: UnnamedServiceRow[] = await this.dataSource.query(
        `${SERVICE_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(s.name), s.id LIMIT ${limit + 1}`,
        params,
      );
      const page = await this.withOrganisationNames(this.dataSource.manager, rows.slice(0, limit));
      const last = page[page.length - 1];
      return {
        items: page.map(toServiceResponse),
        nextCursor: rows.length > limit ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
        originApproximate: null,
      };
    }
    const origin = await this.gazetteer.locate(query.postcode);
    const radius = query.radiusKm ?? 10;
    const box = boundingBox(origin.latitude, origin.longitude, radius);
    const lat = add(origin.latitude);
    const lon = add(origin.longitude);
    where.push(
      `point(s.longitude, s.latitude) <@ box(point(${add(box.minLon)}, ${add(box.minLat)}), point(${add(box.maxLon)}, ${add(box.maxLat)}))`,
    );
    where.push(`d.km <= ${add(radius)}`);
    if (query.cursor) {
      const [km, id] = decodeCursor(query.cursor, [isDistance, isUuid]);
      where.push(`(d.km, s.id) > (${add(Number(km))}::float8, ${add(id)}::uuid)`);
    }
    const rows: UnnamedServiceRow[] = await this.dataSource.query(
      `SELECT s.*, d.km AS distance_km
         FROM directory_service s
         CROSS JOIN LATERAL (SELECT ${distanceSql(`${lat}::float8`, `${lon}::float8`)} AS km) d
        WHERE ${where.join(' AND ')}
        ORDER BY d.km, s.id
        LIMIT ${limit + 1}`,
      params,
    );
    const page = await this.withOrganisationNames(this.dataSource.manager, rows.slice(0, limit));
    const last = page[page.length - 1];
    return {
      items: page.map(toServiceResponse),
      nextCursor: rows.length > limit ? encodeCursor([String(last.distance_km), last.id]) : null,
      originApproximate: origin.approximate,
    };
  }

  async get(id: string): Promise<DirectoryServiceResponse> {
    const [row]: UnnamedServiceRow[] = await this.dataSource.query(`${SERVICE_SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw new DirectoryError(DirectoryErrorCode.DirectoryServiceNotFound, 'Directory service not found');
    const [named] = await this.withOrganisationNames(this.dataSource.manager, [row]);
    return toServiceResponse(named);
  }

  /** A service as anyone may see it: only while it runs (between its start and end dates, as search lists it); else 404. */
  async getListed(id: string): Promise<DirectoryServiceResponse> {
    const [row]: UnnamedServiceRow[] = await this.dataSource.query(
      `${SERVICE_SELECT} WHERE s.id = $1 AND (s.valid_from IS NULL OR s.valid_from <= $2) AND (s.valid_to IS NULL OR s.valid_to >= $2)`,
      [id, this.clock.today()],
    );
    if (!row) throw new DirectoryError(DirectoryErrorCode.DirectoryServiceNotFound, 'Directory service not found');
    const [named] = await this.withOrganisationNames(this.dataSource.manager, [row]);
    return toServiceResponse(named);
  }

  /**
   * The entries the actor may edit, by name, including those not yet started or ended (a social prescriber: their
   * organisation's; a pain-service admin: all). At most 500.
   */
  async editable(actor: Actor): Promise<DirectoryServiceResponse[]> {
    const scope = ListScope.of(actor.ability, 'update', 'DirectoryService', { organisationId: 's.organisation_id' });
    const rows: UnnamedServiceRow[] = await this.dataSource.query(
      `${SERVICE_SELECT} WHERE ${scope.where} ORDER BY lower(s.name), s.id LIMIT 500`,
      scope.params,
    );
    return (await this.withOrganisationNames(this.dataSource.manager, rows)).map(toServiceResponse);
  }

  /** One entry the actor may edit (even one not yet started or ended); 404 for any other, as update answers. */
  async getEditable(actor: Actor, id: string): Promise<DirectoryServiceResponse> {
    const [row]: UnnamedServiceRow[] = await this.dataSource.query(`${SERVICE_SELECT} WHERE s.id = $1`, [id]);
    if (!row || !actor.ability.can('update', asSubject('DirectoryService', { organisationId: row.organisation_id })))
      throw new DirectoryError(DirectoryErrorCode.DirectoryServiceNotFound, 'Directory service not found');
    const [named] = await this.withOrganisationNames(this.dataSource.manager, [row]);
    return toServiceResponse(named);
  }

  async create(actor: Actor, body: CreateDirectoryServiceRequest): Promise<DirectoryServiceResponse> {
    // A social prescriber's entries are their own organisation's; an admin names the organisation.
    const organisationId = actor.role === 'social_prescriber' ? actor.organisationId : body.organisationId;
    if (!organisationId) throw new ValidationFailed([{ field: 'organisationId', messages: ['organisationId is required'] }]);
    if (body.organisationId && body.organisationId !== organisationId)
      throw new Forbidden('You may only add entries for your own organisation');
    if (!actor.ability.can('create', asSubject('DirectoryService', { organisationId }))) throw new Forbidden();
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.organisations.isOfType(manager, organisationId, 'vcs')))
        throw new DirectoryError(DirectoryErrorCode.UnknownVcsOrganisation, 'organisationId is not a voluntary or community organisation', {
          field: 'organisationId',
        });
      const located = await this.gazetteer.locate(body.postcode, manager);
      const schedule = body.schedule ?? {};
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO directory_service (organisation_id, name, description, categories, address, postcode, latitude, longitude, location_approximate,
                                        schedule_rrule, schedule_text, days, valid_from, valid_to, cost, accessibility, capacity_status,
                                        contact_name, contact_email, contact_phone, url, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22) RETURNING id`,
        [
          organisationId,
          body.name.trim(),
          body.description.trim(),
          body.categories,
          body.address.trim(),
          located.postcode,
          located.latitude,
          located.longitude,
          located.approximate,
          schedule.rrule ?? null,
          schedule.text ?? null,
          scheduleDays(schedule.days, schedule.rrule),
          schedule.validFrom ?? null,
          schedule.validTo ?? null,
          body.cost ?? null,
          body.accessibility ?? null,
          body.capacityStatus,
          body.contact?.name ?? null,
          body.contact?.email ?? null,
          body.contact?.phone ?? null,
          body.contact?.url ?? null,
          now,
        ],
      );
      return this.load(manager, id);
    });
  }

  async update(actor: Actor, id: string, body: UpdateDirectoryServiceRequest): Promise<DirectoryServiceResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: UnnamedServiceRow[] = await manager.query(`${SERVICE_SELECT} WHERE s.id = $1 FOR UPDATE`, [id]);
      if (!row || !actor.ability.can('update', asSubject('DirectoryService', { organisationId: row.organisation_id })))
        throw new DirectoryError(DirectoryErrorCode.DirectoryServiceNotFound, 'Directory service not found');
      if (row.version !== body.version) throw new StaleVersion('Directory service', body.version);
      const located = body.postcode ? await this.gazetteer.locate(body.postcode, manager) : null;
      const schedule = body.schedule;
      const updated = await execute(
        manager,
        `UPDATE directory_service SET name = $3, description = $4, categories = $5, address = $6, postcode = $7, latitude = $8, longitude = $9,
                location_approximate = $10, schedule_rrule = $11, schedule_text = $12, days = $13, valid_from = $14, valid_to = $15,
                cost = $16, accessibility = $17, capacity_status = $18, contact_name = $19, contact_email = $20, contact_phone = $21, url = $22,
                version = version + 1, updated_at = $23
          WHERE id = $1 AND version = $2`,
        [
          id,
          body.version,
          body.name?.trim() ?? row.name,
          body.description?.trim() ?? row.description,
          body.categories ?? row.categories,
          body.address?.trim() ?? row.address,
          located?.postcode ?? row.postcode,
          located?.latitude ?? row.latitude,
          located?.longitude ?? row.longitude,
          located ? located.approximate : row.location_approximate,
          schedule ? (schedule.rrule ?? null) : row.schedule_rrule,
          schedule ? (schedule.text ?? null) : row.schedule_text,
          schedule ? scheduleDays(schedule.days, schedule.rrule) : row.days,
          schedule ? (schedule.validFrom ?? null) : row.valid_from,
          schedule ? (schedule.validTo ?? null) : row.valid_to,
          body.cost ?? row.cost,
          body.accessibility ?? row.accessibility,
          body.capacityStatus ?? row.capacity_status,
          body.contact ? (body.contact.name ?? null) : row.contact_name,
          body.contact ? (body.contact.email ?? null) : row.contact_email,
          body.contact ? (body.contact.phone ?? null) : row.contact_phone,
          body.contact ? (body.contact.url ?? null) : row.url,
          this.clock.now(),
        ],
      );
      if (updated !== 1) throw new StaleVersion('Directory service', body.version);
      return this.load(manager, id);
    });
  }

  private async load(manager: EntityManager, id: string): Promise<DirectoryServiceResponse> {
    const [row]: UnnamedServiceRow[] = await manager.query(`${SERVICE_SELECT} WHERE s.id = $1`, [id]);
    const [named] = await this.withOrganisationNames(manager, [row]);
    return toServiceResponse(named);
  }
}
