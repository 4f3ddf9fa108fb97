import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { normalisePostcode, postcodeOutcode, ValidationFailed } from '@carepath/common';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';

export interface Located {
  postcode: string;
  latitude: number;
  longitude: number;
  /** True when only the outcode (district) centroid was known. */
  approximate: boolean;
}

/** Postcode to coordinates, from the imported ONSPD table, falling back to the outcode centroid. */
@Injectable()
export class GazetteerService {
  constructor(private readonly dataSource: DataSource) {}

  async locate(input: string, manager: EntityManager = this.dataSource.manager, field = 'postcode'): Promise<Located> {
    const postcode = normalisePostcode(input);
    if (!postcode) throw new ValidationFailed([{ field, messages: [`${field} must be a UK postcode, e.g. LS1 4AP`] }]);
    const [exact]: { latitude: number; longitude: number }[] = await manager.query(
      'SELECT latitude, longitude FROM postcode WHERE postcode = $1',
      [postcode],
    );
    if (exact) return { postcode, latitude: exact.latitude, longitude: exact.longitude, approximate: false };
    const outcode = postcodeOutcode(postcode);
    const [centroid]: { latitude: number; longitude: number }[] = await manager.query(
      'SELECT latitude, longitude FROM outcode_centroid WHERE outcode = $1',
      [outcode],
    );
    if (!centroid)
      throw new DirectoryError(DirectoryErrorCode.UnknownOutcode, `The postcode district ${outcode} is not in the gazetteer`, {
        field,
        outcode,
      });
    return { postcode, latitude: centroid.latitude, longitude: centroid.longitude, approximate: true };
  }
}
