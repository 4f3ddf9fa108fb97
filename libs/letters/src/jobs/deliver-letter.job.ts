import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@carepath/common';
import { OrganisationsService } from '@carepath/auth';
import { DeliveredEvent, writeOutbox } from '@carepath/database';
import { PatientsService } from '@carepath/patients';
import { loadLetter, moveLetter } from '../letter.store';
import { LETTER_CHANGED } from '../letters.events';
import { LETTER_TRANSPORTS, LetterTransport } from '../transports/letter-transport';

/**
 * Delivers a queued letter by every transport, each exactly once: the transport's effect and its unique
 * letter_delivery row share one transaction, and a transport already recorded is skipped. A failed attempt is
 * retried by the queue with exponential backoff; after LETTERS_DELIVERY_ATTEMPTS the letter is `failed` with the
 * reason, for an admin to resend.
 */
@Injectable()
export class DeliverLetterJob {
  private readonly logger = new Logger(DeliverLetterJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly organisations: OrganisationsService,
    @Inject(LETTER_TRANSPORTS) private readonly transports: LetterTransport[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async handle(event: DeliveredEvent<{ letterId: string; statusChangeId: string }>): Promise<void> {
    const attempt = await this.dataSource.transaction(async (manager) => {
      const letter = await loadLetter(manager, event.letterId, true);
      if (letter?.status !== 'queued') return null;
      await manager.query('UPDATE letter SET delivery_attempts = delivery_attempts + 1 WHERE id = $1', [letter.id]);
      return letter.delivery_attempts + 1;
    });
    if (attempt === null) return;
    try {
      for (const transport of this.transports) await this.deliverBy(event.letterId, transport);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ letterId: event.letterId, attempt, err: reason }, 'letter delivery failed');
      if (attempt < this.config.lettersDeliveryAttempts) throw error;
      await this.finish(event.letterId, 'failed', reason);
      return;
    }
    await this.finish(event.letterId, 'delivered', null);
  }

  private async deliverBy(letterId: string, transport: LetterTransport): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const letter = await loadLetter(manager, letterId, true);
      const [done] = await manager.query('SELECT 1 FROM letter_delivery WHERE letter_id = $1 AND transport = $2', [
        letterId,
        transport.name,
      ]);
      if (!letter || done) return;
      const [document]: { pdf: Buffer; sha256: string }[] = await manager.query(
        `SELECT pdf, sha256 FROM letter_document WHERE letter_id = $1 AND variant = 'gp'`,
        [letterId],
      );
      const patient = (await this.patients.summaries(manager, [letter.patient_id])).get(letter.patient_id);
      const organisations = await this.organisations.summaries(manager, [letter.service_id, letter.practice_id]);
      const reference = await transport.send(manager, {
        letterId,
        pdf: document.pdf,
        sha256: document.sha256,
        senderOdsCode: organisations.get(letter.service_id)?.odsCode ?? null,
        recipientOdsCode: organisations.get(letter.practice_id)?.odsCode ?? '',
        nhsNumber: patient?.nhsNumber ?? '',
      });
      await manager.query('INSERT INTO letter_delivery (letter_id, transport, reference, delivered_at) VALUES ($1, $2, $3, $4)', [
        letterId,
        transport.name,
        reference,
        this.clock.now(),
      ]);
    });
  }

  private async finish(letterId: string, to: 'delivered' | 'failed', reason: string | null): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const letter = await loadLetter(manager, letterId, true);
      if (letter?.status !== 'queued') return;
      const set = to === 'delivered' ? { delivered_at: now } : { failure_reason: reason };
      const changeId = await moveLetter(manager, letter, to, { actorUserId: null, reason, at: now, set });
      if (changeId) await writeOutbox(manager, LETTER_CHANGED, { letterId, statusChangeId: changeId });
    });
  }
}
