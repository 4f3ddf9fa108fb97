import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LetterParcel, LetterTransport } from './letter-transport';

/** The GP practice's inbox inside carepath: the letter becomes visible to the practice's GPs. */
@Injectable()
export class GpInboxTransport implements LetterTransport {
  readonly name = 'gp-inbox' as const;

  async send(manager: EntityManager, parcel: LetterParcel): Promise<string | null> {
    await manager.query('UPDATE letter SET in_gp_inbox = true WHERE id = $1', [parcel.letterId]);
    return null;
  }
}
