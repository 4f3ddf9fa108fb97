/**
 * A letter's content under the PRSB outpatient letter headings (Professional Record Standards Body, "Outpatient
 * letter standard"), one field per heading, composed from the record as a pure function. The clinician then
 * writes the narrative headings while the letter is a draft.
 */
import { formatNhsNumber } from '@carepath/patients';
import { LetterKind, NarrativeHeading, PatientCopy, patientCopyFor } from './letter.rules';

export interface LetterContent {
  patientDetails: { name: string; nhsNumber: string; dateOfBirth: string; postcode: string };
  gpPractice: { name: string; odsCode: string };
  /** Accessible Information Standard: always stated, "none recorded" included. */
  communicationNeeds: { format: string; support: string[]; interpreterLanguage: string | null; statement: string };
  attendanceDetails: string;
  clinicalSummary: string;
  diagnoses: string;
  actionsForGp: string;
  actionsForPatient: string;
  informationGiven: string;
  personCompletingRecord: { name: string; discipline: string } | null;
  distributionList: string[];
}

/** The headings in the order a letter prints them. */
export const HEADINGS = [
  'Patient details',
  'GP practice',
  'Communication needs',
  'Attendance details',
  'Clinical summary',
  'Diagnoses and problems',
  'Plan and requested actions',
  'Information given to the patient',
  'Person completing the record',
  'Distribution list',
] as const;

export const KIND_TITLES: Record<LetterKind, string> = {
  'referral-acknowledgement': 'Referral received',
  'triage-outcome': 'Outcome of referral triage',
  'post-assessment': 'Assessment and agreed care plan',
  'mdt-progress': 'Multidisciplinary team review',
  'discharge-summary': 'Discharge summary',
};

export interface LetterFacts {
  kind: LetterKind;
  patient: {
    givenName: string;
    familyName: string;
    nhsNumber: string;
    dateOfBirth: string;
    postcode: string;
    communicationFormat: string;
    communicationSupport: string[];
    interpreterLanguage: string | null;
  };
  practice: { name: string; odsCode: string };
  serviceName: string;
  referral: { receivedOn: string; reason: string; status: string; statusReason: string | null; redirectDestination: string | null };
  /** London date of the attended first assessment, if any. */
  assessedOn: string | null;
  pathway: {
    goals: string[];
    activities: { modality: string; plannedSessions: number; sessionsAttended: number }[];
    outcomes: { measure: string; baseline: number | null; last: number | null }[];
  } | null;
  handoffs: { serviceName: string; status: string }[];
  /** The MDT decision an `mdt-progress` letter reports, when it was drafted on one. */
  mdt: { meetingOn: string; decision: string; destination: string | null } | null;
  author: { name: string; discipline: string } | null;
}

const FORMAT_TEXT: Record<string, string> = {
  standard: 'standard print',
  'large-print': 'large print',
  'easy-read': 'easy read',
  braille: 'braille',
  audio: 'audio',
  email: 'email',
};

function communicationStatement(p: LetterFacts['patient']): string {
  const parts = [`Preferred format: ${FORMAT_TEXT[p.communicationFormat] ?? p.communicationFormat}.`];
  parts.push(
    p.communicationSupport.length ? `Support needed: ${p.communicationSupport.join(', ')}.` : 'No communication support recorded.',
  );
  parts.push(p.interpreterLanguage ? `Interpreter needed: ${p.interpreterLanguage}.` : 'No interpreter needed.');
  return parts.join(' ');
}

const modalityText = (m: string) => m.charAt(0).toUpperCase() + m.slice(1).replace(/-/g, ' ');

function narrative(f: LetterFacts): Pick<LetterContent, NarrativeHeading> {
  const received = `Referral received on ${f.referral.receivedOn}: ${f.referral.reason}`;
  const plan = (f.pathway?.activities ?? []).map((a) => `${modalityText(a.modality)} (${a.plannedSessions} sessions planned)`);
  switch (f.kind) {
    case 'referral-acknowledgement':
      return {
        attendanceDetails: received,
        clinicalSummary: `${f.serviceName} has received this referral and will triage it.`,
        diagnoses: '',
        actionsForGp: 'No action needed now; we will write again with the outcome of triage.',
        actionsForPatient: '',
        informationGiven: '',
      };
    case 'triage-outcome': {
      const outcome =
        f.referral.status === 'rejected'
          ? `The referral was not accepted. Reason: ${f.referral.statusReason ?? 'not recorded'}.`
          : f.referral.status === 'redirected'
            ? `The referral was redirected to ${f.referral.redirectDestination ?? 'another service'}. Reason: ${f.referral.statusReason ?? 'not recorded'}.`
            : 'The referral was accepted; the patient will be offered a first assessment.';
      return {
        attendanceDetails: received,
        clinicalSummary: outcome,
        diagnoses: '',
        actionsForGp: f.referral.status === 'triaged-accepted' ? 'No action needed.' : 'Please consider the alternatives described above.',
        actionsForPatient: '',
        informationGiven: '',
      };
    }
    case 'post-assessment':
      return {
        attendanceDetails: f.assessedOn ? `Assessed on ${f.assessedOn}.` : received,
        clinicalSummary: f.pathway?.goals.length
          ? `Goals agreed with the patient, in their words: ${f.pathway.goals.map((g) => `"${g}"`).join('; ')}.`
          : '',
        diagnoses: '',
        actionsForGp: 'No action needed now.',
        actionsForPatient: plan.length ? `Take part in: ${plan.join('; ')}.` : '',
        informationGiven: '',
      };
    case 'mdt-progress':
      return {
        attendanceDetails: received,
        clinicalSummary: f.mdt
          ? `The multidisciplinary team reviewed the care plan on ${f.mdt.meetingOn}. Decision: ${f.mdt.decision.replace(/-/g, ' ')}${f.mdt.destination ? ` (${f.mdt.destination})` : ''}.`
          : 'The multidisciplinary team has reviewed the care plan.',
        diagnoses: '',
        actionsForGp: '',
        actionsForPatient: '',
        informationGiven: '',
      };
    case 'discharge-summary': {
      const attended = (f.pathway?.activities ?? []).map(
        (a) => `${modalityText(a.modality)}: ${a.sessionsAttended} of ${a.plannedSessions} sessions attended`,
      );
      const scores = (f.pathway?.outcomes ?? []).map(
        (o) => `${o.measure} ${o.baseline ?? 'not recorded'} at baseline, ${o.last ?? 'not recorded'} at last measure`,
      );
      const handoffs = f.handoffs.map((h) => `${h.serviceName} (${h.status})`);
      return {
        attendanceDetails: attended.length ? attended.join('. ') + '.' : 'No sessions attended.',
        clinicalSummary: [
          `Discharged from ${f.serviceName}${f.referral.statusReason ? `: ${f.referral.statusReason}` : ''}.`,
          scores.length ? `Outcome scores: ${scores.join('; ')}.` : 'No outcome scores recorded.',
          handoffs.length ? `Community support arranged: ${handoffs.join('; ')}.` : 'No community handoffs made.',
        ].join(' '),
        diagnoses: '',
        actionsForGp: 'Please continue care in the community; re-refer if needed.',
        actionsForPatient: '',
        informationGiven: '',
      };
    }
  }
}

const PATIENT_COPY: Record<PatientCopy, string | null> = {
  standard: 'Patient',
  'large-print': 'Patient (large print copy)',
  'alternative-format-task': 'Patient (copy in their accessible format, to follow)',
  none: null,
};

/** A draft letter's content from the record; the narrative headings are the clinician's to finish. */
export function composeLetter(f: LetterFacts): LetterContent {
  const copy = PATIENT_COPY[patientCopyFor(f.patient.communicationFormat, f.patient.communicationSupport)];
  return {
    patientDetails: {
      name: `${f.patient.givenName} ${f.patient.familyName}`,
      nhsNumber: formatNhsNumber(f.patient.nhsNumber),
      dateOfBirth: f.patient.dateOfBirth,
      postcode: f.patient.postcode,
    },
    gpPractice: { name: f.practice.name, odsCode: f.practice.odsCode },
    communicationNeeds: {
      format: f.patient.communicationFormat,
      support: f.patient.communicationSupport,
      interpreterLanguage: f.patient.interpreterLanguage,
      statement: communicationStatement(f.patient),
    },
    ...narrative(f),
    personCompletingRecord: f.author,
    distributionList: [`GP: ${f.practice.name} (${f.practice.odsCode})`, ...(copy ? [copy] : [])],
  };
}
