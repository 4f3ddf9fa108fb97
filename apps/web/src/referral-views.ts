import { RED_FLAGS, RedFlag } from '@carepath/referrals';

/** The red-flag screening questions of a referral, in the words the referral forms and pages use. */
export const RED_FLAG_NAMES: Record<RedFlag, string> = {
  caudaEquinaSymptoms: 'Cauda equina symptoms (saddle numbness, bladder or bowel change)',
  unexplainedWeightLoss: 'Unexplained weight loss',
  feverOrInfection: 'Fever or signs of infection',
  historyOfCancer: 'History of cancer',
  significantTrauma: 'Significant trauma',
  progressiveNeurologicalDeficit: 'Progressive neurological deficit',
};

/** The red flags as checkbox items. */
export const RED_FLAG_ITEMS = RED_FLAGS.map((flag) => ({ value: flag, text: RED_FLAG_NAMES[flag] }));

/** The red flags a form ticked, as the API's `redFlags` object (each flag true or false). */
export function redFlagsOf(ticked: string[]): Record<RedFlag, boolean> {
  return Object.fromEntries(RED_FLAGS.map((flag) => [flag, ticked.includes(flag)])) as Record<RedFlag, boolean>;
}
