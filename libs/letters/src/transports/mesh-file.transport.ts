import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@carepath/common';
import { LetterParcel, LetterTransport } from './letter-transport';

/** The workflow id the control file names, so the receiving side knows what the message is. */
export const MESH_WORKFLOW_ID = 'CAREPATH_GP_LETTER_PDF';

/**
 * A MESH-style file drop: `<letterId>.pdf` and `<letterId>.ctl.json` in LETTERS_OUTBOX_DIR, each written under a
 * temporary name and renamed, so the folder never holds a partly written file. Names are the letter's, so a
 * repeat after a crash replaces the same files rather than adding new ones. The folder belongs to the MESH client
 * and must exist; a missing folder is a failed delivery, retried.
 */
@Injectable()
export class MeshFileTransport implements LetterTransport, OnModuleInit {
  readonly name = 'mesh-file' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await this.ensureDefaultFolder();
  }

  async send(_manager: EntityManager, parcel: LetterParcel): Promise<string> {
    const dir = this.config.lettersOutboxDir;
    await this.ensureDefaultFolder();
    if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new Error('The letters outbox folder is not available');
    const control = {
      workflowId: MESH_WORKFLOW_ID,
      senderOdsCode: parcel.senderOdsCode,
      recipientOdsCode: parcel.recipientOdsCode,
      localId: parcel.letterId,
      nhsNumber: parcel.nhsNumber,
      fileName: `${parcel.letterId}.pdf`,
      contentType: 'application/pdf',
      sha256: parcel.sha256,
    };
    await this.writeAtomically(join(dir, `${parcel.letterId}.pdf`), parcel.pdf);
    await this.writeAtomically(join(dir, `${parcel.letterId}.ctl.json`), Buffer.from(JSON.stringify(control, null, 2)));
    return control.fileName;
  }

  /**
   * The default folder under DATA_DIR is carepath's own, so `npm start` works with nothing set (the demo seed
   * delivers letters before the app has started its modules); a configured folder belongs to the MESH client.
   */
  private async ensureDefaultFolder(): Promise<void> {
    if (this.config.lettersOutboxDir === join(this.config.dataDir, 'letters-outbox')) {
      await mkdir(this.config.lettersOutboxDir, { recursive: true });
    }
  }

  private async writeAtomically(path: string, content: Buffer): Promise<void> {
    const partial = join(dirname(path), '.partial');
    await mkdir(partial, { recursive: true });
    const temporary = join(partial, `${basename(path)}.${randomUUID()}`);
    try {
      await writeFile(temporary, content, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}
