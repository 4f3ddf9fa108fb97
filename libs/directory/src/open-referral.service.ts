import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { boundingBox } from './directory.rules';
import { DirectoryService, distanceSql, SERVICE_SELECT, ServiceRow, UnnamedServiceRow } from './directory.service';
import { GazetteerService } from './gazetteer.service';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';

export class OrukService {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['active'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) organization: { id: string; name: string };
  @ApiProperty({ type: 'array', items: { type: 'object' } }) service_at_locations: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) schedules: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) taxonomy_terms: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) contacts: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) cost_options: unknown[];
}

export class OrukPage {
  @ApiProperty() total_items: number;
  @ApiProperty() total_pages: number;
  @ApiProperty() page_number: number;
  @ApiProperty() size: number;
  @ApiProperty() first_page: boolean;
  @ApiProperty() last_page: boolean;
  @ApiProperty() empty: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) contents: unknown[];
}

const DAY_CODES: Record<string, string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };

function location(r: ServiceRow) {
  return {
    id: r.id,
    name: r.name,
    latitude: r.latitude,
    longitude: r.longitude,
    addresses: [{ id: r.id, address_1: r.address, postal_code: r.postcode, country: 'GB' }],
    accessibility: r.accessibility ? [{ id: r.id, description: r.accessibility }] : [],
  };
}

/** A directory entry in the Open Referral UK (HSDS 3) shape. */
export function toOruk(r: ServiceRow): OrukService {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: 'active',
    url: r.url,
    email: r.contact_email,
    organization: { id: r.organisation_id, name: r.organisation_name },
    service_at_locations: [{ id: r.id, location: location(r) }],
    schedules: [
      {
        id: r.id,
        freq: /FREQ=([A-Z]+)/.exec(r.schedule_rrule ?? '')?.[1] ?? null,
        byday: r.days.map((d) => DAY_CODES[d]).join(',') || null,
        description: r.schedule_text,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
      },
    ],
    taxonomy_terms: r.categories.map((c) => ({ id: c, code: c, term: c.replace(/-/g, ' '), vocabulary: 'carepath-categories' })),
    contacts:
      r.contact_name || r.contact_phone || r.contact_email
        ? [{ id: r.id, name: r.contact_name, email: r.contact_email, phones: r.contact_phone ? [{ number: r.contact_phone }] : [] }]
        : [],
    cost_options: r.cost ? [{ id: r.id, amount_description: r.cost }] : [],
  };
}

function page(contents: unknown[], total: number, pageNumber: number, size: number): OrukPage {
  const totalPages = Math.max(1, Math.ceil(total / size));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

@Injectable()
export class OpenReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly gazetteer: GazetteerService,
  ) {}

  async services(pageNumber: number, size: number): Promise<OrukPage> {
    const [{ total }] = await this.dataSource.query('SELECT count(*)::int AS total FROM directory_service');
    const rows: UnnamedServiceRow[] = await this.dataSource.query(`${SERVICE_SELECT} ORDER BY lower(s.name), s.id LIMIT $1 OFFSET $2`, [
      size,
      (pageNumber - 1) * size,
    ]);
    return page((await this.named(rows)).map(toOruk), total, pageNumber, size);
  }

  async service(id: string): Promise<OrukService> {
    const [row]: UnnamedServiceRow[] = await this.dataSource.query(`${SERVICE_SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw new DirectoryError(DirectoryErrorCode.ServiceNotFound, 'Service not found');
    const [named] = await this.named([row]);
    return toOruk(named);
  }

  /** Service-at-location records, nearest first within `proximity` metres of the postcode when one is given. */
  async serviceAtLocations(pageNumber: number, size: number, postcode?: string, proximityMetres?: number): Promise<OrukPage> {
    if (!postcode) {
      const all = await this.services(pageNumber, size);
      return {
        ...all,
        contents: (all.contents as OrukService[]).map((s) => ({
          id: s.id,
          service: s,
          location: (s.service_at_locations[0] as { location: unknown }).location,
        })),
      };
    }
    const origin = await this.gazetteer.locate(postcode);
    const radiusKm = (proximityMetres ?? 10_000) / 1000;
    const box = boundingBox(origin.latitude, origin.longitude, radiusKm);
    const params = [origin.latitude, origin.longitude, box.minLon, box.minLat, box.maxLon, box.maxLat, radiusKm];
    const base = `FROM directory_service s
                  CROSS JOIN LATERAL (SELECT ${distanceSql('$1::float8', '$2::float8')} AS km) d
                  WHERE point(s.longitude, s.latitude) <@ box(point($3, $4), point($5, $6)) AND d.km <= $7`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${base}`, params);
    const rows: UnnamedServiceRow[] = await this.dataSource.query(
      `SELECT s.*, d.km AS distance_km ${base} ORDER BY d.km, s.id LIMIT $8 OFFSET $9`,
      [...params, size, (pageNumber - 1) * size],
    );
    const contents = (await this.named(rows)).map((r) => ({
      id: r.id,
      service: toOruk(r),
      location: location(r),
      distance: Math.round((r.distance_km ?? 0) * 1000),
    }));
    return page(contents, total, pageNumber, size);
  }

  private named(rows: UnnamedServiceRow[]): Promise<ServiceRow[]> {
    return this.directory.withOrganisationNames(this.dataSource.manager, rows);
  }
}
