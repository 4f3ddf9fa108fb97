import { EQ5D_DIMENSIONS, ItemError, Measure, MEASURES } from '@carepath/pathways';
import type { FormErrors } from '../forms';

/** One answer a question offers: the value stored and the words the patient chooses between. */
export interface Choice {
  value: number;
  text: string;
}

/** One question as the form asks it: a fieldset with a legend and one radio per answer (or a number box). */
export interface Question {
  /** The form field's name and the id the error summary links to. */
  id: string;
  /** The legend, in the questionnaire's own words. */
  text: string;
  choices: Choice[];
  /** Asked as a number typed in (the EQ-5D VAS) rather than radios. */
  number?: { min: number; max: number };
  /** The message when it is left unanswered (or out of range). */
  error: string;
  /** What the clinician must know before asking it (PHQ-9 question 9). */
  safetyNote?: string;
}

export interface Questionnaire {
  measure: Measure;
  /** The name clinicians know it by. */
  title: string;
  /** What the scores mean for the chart and the result: the total's range. */
  range: { min: number; max: number };
  /** What the patient is asked before the questions. */
  instruction: string;
  questions: Question[];
  /** Answers as the API takes them: a list of integers, or the EQ-5D-5L object. */
  shape: 'list' | 'eq5d';
}

const OFTEN: Choice[] = [
  { value: 0, text: 'Not at all' },
  { value: 1, text: 'Several days' },
  { value: 2, text: 'More than half the days' },
  { value: 3, text: 'Nearly every day' },
];

function listed(texts: string[], choices: Choice[]): Question[] {
  return texts.map((text, i) => ({
    id: `item-${i + 1}`,
    text: `${i + 1}. ${text}`,
    choices,
    error: `Select an answer to question ${i + 1}`,
  }));
}

const PHQ9_ITEMS = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead, or of hurting yourself in some way',
];

/** Question 9 asks about thoughts of self-harm: any answer but "Not at all" needs the clinician at once. */
const PHQ9_ITEM9_NOTE =
  'If the patient answers anything other than "Not at all", an urgent task is raised for their lead clinician as soon as you save. Do not wait for the task: follow your service\'s procedure for risk of self-harm before the patient leaves.';

const GAD7_ITEMS = [
  'Feeling nervous, anxious or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid as if something awful might happen',
];

const PSEQ_ITEMS = [
  'I can enjoy things, despite the pain.',
  'I can do most of the household chores (for example, tidying up, washing dishes), despite the pain.',
  'I can socialise with my friends or family members as often as I used to do, despite the pain.',
  'I can cope with my pain in most situations.',
  'I can do some form of work, despite the pain. ("Work" includes housework, paid and unpaid work.)',
  'I can still do many of the things I enjoy doing, such as hobbies or leisure activity, despite the pain.',
  'I can cope with my pain without medication.',
  'I can still accomplish most of my goals in life, despite the pain.',
  'I can live a normal lifestyle, despite the pain.',
  'I can gradually become more active, despite the pain.',
];

const CONFIDENCE: Choice[] = [0, 1, 2, 3, 4, 5, 6].map((value) => ({
  value,
  text: value === 0 ? '0 – Not at all confident' : value === 6 ? '6 – Completely confident' : String(value),
}));

/** EQ-5D-5L: each dimension's five levels, level 1 first (no problems) to level 5. */
const EQ5D_LEVELS: Record<(typeof EQ5D_DIMENSIONS)[number], { title: string; levels: string[] }> = {
  mobility: {
    title: 'Mobility',
    levels: [
      'I have no problems in walking about',
      'I have slight problems in walking about',
      'I have moderate problems in walking about',
      'I have severe problems in walking about',
      'I am unable to walk about',
    ],
  },
  selfCare: {
    title: 'Self-care',
    levels: [
      'I have no problems washing or dressing myself',
      'I have slight problems washing or dressing myself',
      'I have moderate problems washing or dressing myself',
      'I have severe problems washing or dressing myself',
      'I am unable to wash or dress myself',
    ],
  },
  usualActivities: {
    title: 'Usual activities (for example work, study, housework, family or leisure activities)',
    levels: [
      'I have no problems doing my usual activities',
      'I have slight problems doing my usual activities',
      'I have moderate problems doing my usual activities',
      'I have severe problems doing my usual activities',
      'I am unable to do my usual activities',
    ],
  },
  painDiscomfort: {
    title: 'Pain or discomfort',
    levels: [
      'I have no pain or discomfort',
      'I have slight pain or discomfort',
      'I have moderate pain or discomfort',
      'I have severe pain or discomfort',
      'I have extreme pain or discomfort',
    ],
  },
  anxietyDepression: {
    title: 'Anxiety or depression',
    levels: [
      'I am not anxious or depressed',
      'I am slightly anxious or depressed',
      'I am moderately anxious or depressed',
      'I am severely anxious or depressed',
      'I am extremely anxious or depressed',
    ],
  },
};

export const QUESTIONNAIRES: Record<Measure, Questionnaire> = {
  PHQ9: {
    measure: 'PHQ9',
    title: 'PHQ-9 (depression)',
    range: { min: 0, max: 27 },
    instruction: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    questions: listed(PHQ9_ITEMS, OFTEN).map((q, i) => (i === 8 ? { ...q, safetyNote: PHQ9_ITEM9_NOTE } : q)),
    shape: 'list',
  },
  GAD7: {
    measure: 'GAD7',
    title: 'GAD-7 (anxiety)',
    range: { min: 0, max: 21 },
    instruction: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    questions: listed(GAD7_ITEMS, OFTEN),
    shape: 'list',
  },
  PSEQ: {
    measure: 'PSEQ',
    title: 'PSEQ (pain self-efficacy)',
    range: { min: 0, max: 60 },
    instruction:
      'Please rate how confident you are that you can do the following things at present, despite the pain. 0 means not at all confident and 6 means completely confident.',
    questions: listed(PSEQ_ITEMS, CONFIDENCE),
    shape: 'list',
  },
  EQ5D5L: {
    measure: 'EQ5D5L',
    title: 'EQ-5D-5L (health today)',
    range: { min: 0, max: 100 },
    instruction: 'Under each heading, choose the one answer that best describes your health today.',
    questions: [
      ...EQ5D_DIMENSIONS.map((dimension) => ({
        id: dimension,
        text: EQ5D_LEVELS[dimension].title,
        choices: EQ5D_LEVELS[dimension].levels.map((text, i) => ({ value: i + 1, text })),
        error: `Select an answer for ${EQ5D_LEVELS[dimension].title.replace(/ \(.*\)$/, '').toLowerCase()}`,
      })),
      {
        id: 'vas',
        text: 'How good or bad is your health today? 100 means the best health you can imagine, 0 the worst health you can imagine.',
        choices: [],
        number: { min: 0, max: 100 },
        error: 'Enter a whole number from 0 to 100 for health today',
      },
    ],
    shape: 'eq5d',
  },
  NRS: {
    measure: 'NRS',
    title: 'Pain intensity (NRS)',
    range: { min: 0, max: 10 },
    instruction: 'On a scale of 0 to 10, where 0 is no pain and 10 is the worst pain imaginable:',
    questions: [
      {
        id: 'item-1',
        text: 'How would you rate your pain on average over the last week?',
        choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value) => ({ value, text: String(value) })),
        error: 'Select a pain score from 0 to 10',
      },
    ],
    shape: 'list',
  },
};

/** The questionnaire a `?measure=` names, or undefined for anything else. */
export function questionnaireFor(measure: unknown): Questionnaire | undefined {
  return (MEASURES as readonly unknown[]).includes(measure) ? QUESTIONNAIRES[measure as Measure] : undefined;
}

function answerOf(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** The form's answers in the API's shape; an unanswered question is null, so the rules name it. */
export function answersFrom(
  questionnaire: Questionnaire,
  body: Record<string, unknown>,
): (number | null)[] | Record<string, number | null> {
  const answers = questionnaire.questions.map((q) => [q.id, answerOf(body[q.id])] as const);
  return questionnaire.shape === 'eq5d' ? Object.fromEntries(answers) : answers.map(([, value]) => value);
}

/** What was entered, to show again: the raw text of each question. */
export function enteredValues(questionnaire: Questionnaire, body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(questionnaire.questions.map((q) => [q.id, typeof body[q.id] === 'string' ? (body[q.id] as string) : '']));
}

/** The rules' item errors (`answers[3]`, `answers.mobility`) as the questions they are about, in question order. */
export function questionErrors(questionnaire: Questionnaire, errors: ItemError[]): FormErrors {
  const ids = new Set(errors.map((e) => e.field.replace(/^answers\[(\d+)\]$/, 'item-$1').replace(/^answers\./, '')));
  const wrong = questionnaire.questions.filter((q) => ids.has(q.id));
  return {
    summary: wrong.map((q) => ({ text: q.error, href: `#${q.id}` })),
    fields: Object.fromEntries(wrong.map((q) => [q.id, q.error])),
  };
}
