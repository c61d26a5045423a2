import fc from 'fast-check';

/** One field of a five-field cron expression, as the core's parser reads it. */
interface FieldShape {
  min: number;
  max: number;
  /** Names for the values from `min`, such as `SUN` for 0. */
  names?: readonly string[];
}

const MINUTE: FieldShape = { min: 0, max: 59 };
const HOUR: FieldShape = { min: 0, max: 23 };
const DAY_OF_MONTH: FieldShape = { min: 1, max: 31 };
const MONTH: FieldShape = {
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
/** 7 is Sunday too, and has no name of its own. */
const DAY_OF_WEEK: FieldShape = { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };

const anyCase = (name: string) =>
  fc.constantFrom(name, name.toLowerCase(), `${name.charAt(0)}${name.slice(1).toLowerCase()}`);

function value(shape: FieldShape): fc.Arbitrary<{ value: number; text: string }> {
  return fc.integer({ min: shape.min, max: shape.max }).chain((number) => {
    const name = shape.names?.[number - shape.min];
    const texts: fc.Arbitrary<string>[] = [fc.constant(String(number)), fc.constant(`0${number}`)];
    if (name) texts.push(anyCase(name));
    return fc.oneof(...texts).map((text) => ({ value: number, text }));
  });
}

function item(shape: FieldShape): fc.Arbitrary<string> {
  const step = fc.integer({ min: 1, max: shape.max });
  const range = fc
    .tuple(value(shape), value(shape))
    .map(([a, b]) => (a.value <= b.value ? `${a.text}-${b.text}` : `${b.text}-${a.text}`));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant('*') },
    { weight: 2, arbitrary: step.map((n) => `*/${n}`) },
    { weight: 4, arbitrary: value(shape).map((v) => v.text) },
    { weight: 2, arbitrary: range },
    { weight: 1, arbitrary: fc.tuple(range, step).map(([r, n]) => `${r}/${n}`) },
    { weight: 1, arbitrary: fc.tuple(value(shape), step).map(([v, n]) => `${v.text}/${n}`) },
  );
}

function field(shape: FieldShape): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: item(shape) },
    {
      weight: 1,
      arbitrary: fc.array(item(shape), { minLength: 2, maxLength: 3 }).map((items) => items.join(',')),
    },
  );
}

/**
 * Five-field cron expressions in every form the core's parser reads: `*`, values with leading zeros, names in
 * any case, ranges, steps (`*\/15`, `0-30/10`, `5/15`, up to the field's maximum), lists, and 7 for Sunday.
 */
export const cronExpression: fc.Arbitrary<string> = fc
  .tuple(field(MINUTE), field(HOUR), field(DAY_OF_MONTH), field(MONTH), field(DAY_OF_WEEK))
  .map((fields) => fields.join(' '));

/** Expressions due every day, at any times of day: around a daylight-saving change, most are due. */
export const everyDayCronExpression: fc.Arbitrary<string> = fc
  .tuple(field(MINUTE), field(HOUR))
  .map((fields) => `${fields.join(' ')} * * *`);

/** Timezones with every kind of offset change: none, an hour, half an hour, at midnight, 45-minute offsets. */
export const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'America/Santiago',
  'Pacific/Chatham',
] as const;

export const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-01-01T00:00:00Z'),
  noInvalidDate: true,
});
