import { EntityManager } from 'typeorm';
import type { TransportName } from '../letter-delivery.entity';

/** What a transport carries: the approved PDF and who it is from and to. */
export interface LetterParcel {
  letterId: string;
  pdf: Buffer;
  sha256: string;
  senderOdsCode: string | null;
  recipientOdsCode: string;
  /** Ten digits, for the receiving system to file the letter against the patient. */
  nhsNumber: string;
}

/**
 * One way a letter reaches the GP practice. `send` runs inside the transaction that records the delivery, so the
 * delivery row is committed with the effect; an effect outside the database must be safe to repeat (same name,
 * same bytes), because a crash after it and before the commit repeats it.
 */
export interface LetterTransport {
  readonly name: TransportName;
  /** Returns where the letter went (a file name), if the transport has such a thing. */
  send(manager: EntityManager, parcel: LetterParcel): Promise<string | null>;
}

export const LETTER_TRANSPORTS = Symbol('LETTER_TRANSPORTS');
