import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
// pdfmake's Node entry exports one instance whose methods live on its prototype, which `import * as` would not
// copy; its fonts file is a CommonJS `export =`. Both are taken as they are.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pdfMake = require('pdfmake');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import vfsFonts = require('pdfmake/build/vfs_fonts');
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { HEADINGS, KIND_TITLES, LetterContent } from './letter-content';
import type { LetterVariant } from './letter-document.entity';
import type { LetterKind } from './letter.rules';

export interface Letterhead {
  serviceName: string;
  address: string[];
  telephone: string | null;
}

export interface RenderedPdf {
  pdf: Buffer;
  sha256: string;
}

interface Sizes {
  body: number;
  heading: number;
  title: number;
  small: number;
}

/** Large print is at least 16 pt body text (RNIB clear print guidance; the Accessible Information Standard's large print). */
const SIZES: Record<LetterVariant, Sizes> = {
  gp: { body: 10.5, heading: 12, title: 15, small: 8.5 },
  'large-print': { body: 16, heading: 19, title: 22, small: 12 },
};

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

let configured = false;

/**
 * pdfmake's fonts come from its own bundled virtual file system, and its access policies refuse every URL and every
 * local file: a letter's text (which holds what clinicians typed) can never make the server fetch or read anything.
 */
function configurePdfMake(): void {
  if (configured) return;
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy(() => false);
  const vfs = (pdfMake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const file of Object.values(FONT_FILES)) vfs.writeFileSync(file, Buffer.from(vfsFonts[file] as string, 'base64'));
  pdfMake.setFonts({ Roboto: FONT_FILES });
  configured = true;
}

const FORMAT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

function longDate(isoDate: string): string {
  return FORMAT_DATE.format(new Date(`${isoDate}T12:00:00Z`));
}

/** Headings the clinician writes, which may run long and so may break across pages; the others are kept whole. */
const NARRATIVE = new Set<string>([
  'Attendance details',
  'Clinical summary',
  'Diagnoses and problems',
  'Plan and requested actions',
  'Information given to the patient',
]);

const orNone = (text: string) => (text.trim() ? text : 'None recorded.');

/** Renders approved letters to PDF with pdfmake: A4, the service's letterhead, PRSB headings in order, "Page N of M". */
@Injectable()
export class LetterRenderer {
  constructor() {
    configurePdfMake();
  }

  async render(input: {
    kind: LetterKind;
    content: LetterContent;
    letterhead: Letterhead;
    /** London date of approval, printed as the letter's date. */
    date: string;
    /** Fixes the PDF's creation date, so the document depends only on what was approved. */
    renderedAt: Date;
    variant: LetterVariant;
    /** A preview of a draft: marked "Draft" across every page, so it is never taken for the letter sent. */
    draft?: boolean;
  }): Promise<RenderedPdf> {
    const doc = this.definition(input);
    const pdf = await pdfMake.createPdf(doc).getBuffer();
    return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
  }

  private definition(input: {
    kind: LetterKind;
    content: LetterContent;
    letterhead: Letterhead;
    date: string;
    renderedAt: Date;
    variant: LetterVariant;
    draft?: boolean;
  }): TDocumentDefinitions {
    // pdfmake rewrites the nodes it lays out, so it gets a copy: the stored content stays as approved.
    const { letterhead, variant } = input;
    const c = structuredClone(input.content);
    const size = SIZES[variant];
    const heading = (text: string): Content => ({ text, style: 'heading', headlineLevel: 1 });
    const para = (text: string): Content => ({ text: orNone(text), margin: [0, 0, 0, 4] });
    const labelled = (rows: [string, string][]): Content => ({
      table: { widths: ['auto', '*'], body: rows.map(([label, value]) => [{ text: label, bold: true }, value]) },
      layout: 'noBorders',
    });
    const sections: Record<(typeof HEADINGS)[number], Content[]> = {
      'Patient details': [
        labelled([
          ['Name', c.patientDetails.name],
          ['NHS number', c.patientDetails.nhsNumber],
          ['Date of birth', longDate(c.patientDetails.dateOfBirth)],
          ['Postcode', c.patientDetails.postcode],
        ]),
      ],
      'GP practice': [labelled([['Practice', `${c.gpPractice.name} (ODS code ${c.gpPractice.odsCode})`]])],
      'Communication needs': [para(c.communicationNeeds.statement)],
      'Attendance details': [para(c.attendanceDetails)],
      'Clinical summary': [para(c.clinicalSummary)],
      'Diagnoses and problems': [para(c.diagnoses)],
      'Plan and requested actions': [
        { text: 'Actions for the GP', bold: true },
        para(c.actionsForGp),
        { text: 'Actions for the patient', bold: true },
        para(c.actionsForPatient),
      ],
      'Information given to the patient': [para(c.informationGiven)],
      'Person completing the record': [
        para(c.personCompletingRecord ? `${c.personCompletingRecord.name}, ${c.personCompletingRecord.discipline}` : ''),
      ],
      'Distribution list': [{ ul: c.distributionList }],
    };
    const nhsNumber = c.patientDetails.nhsNumber;
    return {
      pageSize: 'A4',
      ...(input.draft ? { watermark: { text: 'DRAFT – NOT SENT', color: '#d5281b', opacity: 0.15, bold: true } } : {}),
      pageMargins: variant === 'gp' ? [56, 110, 56, 56] : [56, 150, 56, 70],
      info: {
        title: `${KIND_TITLES[input.kind]}: NHS number ${nhsNumber}`,
        author: letterhead.serviceName,
        creator: 'carepath',
        producer: 'carepath',
        creationDate: input.renderedAt,
        modDate: input.renderedAt,
      },
      header: (currentPage) => ({
        margin: [56, 30, 56, 0],
        columns: [
          { text: letterhead.serviceName, style: 'service', width: '*' },
          {
            width: 'auto',
            alignment: 'right',
            fontSize: size.small,
            text:
              currentPage === 1
                ? [...letterhead.address, ...(letterhead.telephone ? [`Tel: ${letterhead.telephone}`] : [])].join('\n')
                : '',
          },
        ],
      }),
      footer: (currentPage, pageCount) => ({
        margin: [56, 16, 56, 0],
        fontSize: size.small,
        columns: [
          { text: `${c.patientDetails.name} · NHS number ${nhsNumber}`, width: '*' },
          { text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', width: 'auto' },
        ],
      }),
      content: [
        { text: KIND_TITLES[input.kind], style: 'title' },
        { text: longDate(input.date), margin: [0, 0, 0, 10] },
        ...HEADINGS.flatMap((name) =>
          NARRATIVE.has(name) ? [heading(name), ...sections[name]] : [{ stack: [heading(name), ...sections[name]], unbreakable: true }],
        ),
      ],
      // A heading is never the last line of a page.
      pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
      defaultStyle: { font: 'Roboto', fontSize: size.body, lineHeight: 1.25 },
      styles: {
        service: { fontSize: size.heading + 2, bold: true, color: '#005eb8' },
        title: { fontSize: size.title, bold: true, margin: [0, 0, 0, 4] },
        heading: { fontSize: size.heading, bold: true, color: '#005eb8', margin: [0, 10, 0, 3] },
      },
    };
  }
}
