export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const DATABASE_URL = Symbol('DATABASE_URL');
