/**
 * Outcome measures (DOMAIN-RULES.md "Outcome measures"): item validation,
 * totals, bands and meaningful change. Pure functions, no I/O.
 */

export const MEASURES = ['PHQ9', 'GAD7', 'PSEQ', 'EQ5D5L', 'NRS'] as const;
export type Measure = (typeof MEASURES)[number];
export const TIMEPOINTS = ['baseline', 'review', 'discharge'] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];

export const EQ5D_DIMENSIONS = ['mobility', 'selfCare', 'usualActivities', 'painDiscomfort', 'anxietyDepression'] as const;
export type Eq5dAnswers = Record<(typeof EQ5D_DIMENSIONS)[number], number> & { vas: number };

/** Item count and range of the measures answered as a list of integers. */
const ITEM_SCALES: Record<Exclude<Measure, 'EQ5D5L'>, { items: number; min: number; max: number }> = {
  PHQ9: { items: 9, min: 0, max: 3 },
  GAD7: { items: 7, min: 0, max: 3 },
  PSEQ: { items: 10, min: 0, max: 6 },
  NRS: { items: 1, min: 0, max: 10 },
};

export interface ItemError {
  field: string;
  messages: string[];
}

export interface Score {
  total: number | null;
  band: string | null;
  /** EQ-5D-5L only: the five levels as a profile such as "21321", and the VAS. */
  profile: string | null;
  vas: number | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Every problem with the answers, one entry per item, so a 400 can name them all. */
export function validateAnswers(measure: Measure, answers: unknown): ItemError[] {
  if (measure === 'EQ5D5L') {
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
      return [{ field: 'answers', messages: ['answers must be an object of the five EQ-5D-5L dimensions and vas'] }];
    }
    const a = answers as Record<string, unknown>;
    const errors: ItemError[] = [];
    for (const dim of EQ5D_DIMENSIONS) {
      if (!isInt(a[dim]) || a[dim] < 1 || a[dim] > 5)
        errors.push({ field: `answers.${dim}`, messages: [`answers.${dim} must be an integer from 1 to 5`] });
    }
    if (!isInt(a.vas) || a.vas < 0 || a.vas > 100)
      errors.push({ field: 'answers.vas', messages: ['answers.vas must be an integer from 0 to 100'] });
    for (const key of Object.keys(a)) {
      if (key !== 'vas' && !(EQ5D_DIMENSIONS as readonly string[]).includes(key)) {
        errors.push({ field: `answers.${key}`, messages: [`answers.${key} is not an EQ-5D-5L item`] });
      }
    }
    return errors;
  }
  const scale = ITEM_SCALES[measure];
  if (!Array.isArray(answers)) return [{ field: 'answers', messages: [`answers must be a list of ${scale.items} integers`] }];
  const errors: ItemError[] = [];
  if (answers.length !== scale.items) {
    errors.push({ field: 'answers', messages: [`${measure} has ${scale.items} items; ${answers.length} were given`] });
  }
  answers.slice(0, scale.items).forEach((value, i) => {
    if (!isInt(value) || value < scale.min || value > scale.max) {
      errors.push({ field: `answers[${i + 1}]`, messages: [`item ${i + 1} must be an integer from ${scale.min} to ${scale.max}`] });
    }
  });
  return errors;
}

function band(total: number, bands: [number, string][]): string {
  return (bands.find(([upTo]) => total <= upTo) as [number, string])[1];
}

const PHQ9_BANDS: [number, string][] = [
  [4, 'minimal'],
  [9, 'mild'],
  [14, 'moderate'],
  [19, 'moderately severe'],
  [27, 'severe'],
];
const GAD7_BANDS: [number, string][] = [
  [4, 'minimal'],
  [9, 'mild'],
  [14, 'moderate'],
  [21, 'severe'],
];

/** The bands of the measures that have them, each as [highest total in the band, band]: for charts and forms. */
export const MEASURE_BANDS: Partial<Record<Measure, readonly (readonly [number, string])[]>> = { PHQ9: PHQ9_BANDS, GAD7: GAD7_BANDS };

/** Scores valid answers (call validateAnswers first). */
export function scoreAnswers(measure: Measure, answers: number[] | Eq5dAnswers): Score {
  if (measure === 'EQ5D5L') {
    const a = answers as Eq5dAnswers;
    // The index value needs a country value set; none is bundled, so only the profile and VAS are reported.
    return { total: null, band: null, profile: EQ5D_DIMENSIONS.map((d) => a[d]).join(''), vas: a.vas };
  }
  const total = (answers as number[]).reduce((sum, v) => sum + v, 0);
  if (measure === 'PHQ9') return { total, band: band(total, PHQ9_BANDS), profile: null, vas: null };
  if (measure === 'GAD7') return { total, band: band(total, GAD7_BANDS), profile: null, vas: null };
  return { total, band: null, profile: null, vas: null };
}

/** PHQ-9 item 9 (thoughts of self-harm) above 0 needs the clinician at once. */
export function needsUrgentReview(measure: Measure, answers: number[] | Eq5dAnswers): boolean {
  return measure === 'PHQ9' && (answers as number[])[8] > 0;
}

/** The number compared between baseline and discharge: the total, or the VAS for EQ-5D-5L. */
export function comparableValue(measure: Measure, score: Score): number | null {
  return measure === 'EQ5D5L' ? score.vas : score.total;
}

export const PSEQ_MEANINGFUL_GAIN = 7;

/**
 * Meaningful change from baseline to discharge, where a threshold is defined:
 * PSEQ +7 or more; pain NRS a reduction of 2 points or 30% (IMMPACT). Null for
 * measures with no agreed threshold here.
 */
export function meaningfulChange(measure: Measure, baseline: number, discharge: number): boolean | null {
  if (measure === 'PSEQ') return discharge - baseline >= PSEQ_MEANINGFUL_GAIN;
  if (measure === 'NRS') return baseline - discharge >= 2 || (baseline > 0 && (baseline - discharge) / baseline >= 0.3);
  return null;
}
