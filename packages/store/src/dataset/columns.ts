import { TaonodeError } from '@taonode/kit';
import { z } from 'zod';

/** Column types a dataset row may have (parquet: UTF8, INT64, DOUBLE, LIST<DOUBLE>). */
export type ColumnType = 'string' | 'int64' | 'double' | 'doubleList';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

export type DatasetValue = string | number | readonly number[];
export type DatasetRow = Record<string, DatasetValue>;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const byType: Record<ColumnType, z.ZodType> = {
  string: z.string(),
  int64: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
  double: finite,
  doubleList: z.array(finite),
};

/** The zod schema of one row: every column present with its type, no extra keys. */
export function rowSchema(columns: readonly ColumnSpec[]): z.ZodType<DatasetRow> {
  const shape: Record<string, z.ZodType> = {};
  for (const c of columns) shape[c.name] = byType[c.type];
  return z.strictObject(shape) as unknown as z.ZodType<DatasetRow>;
}

/** A row that does not fit the dataset's columns; nothing of its batch was written. */
export class DatasetRowError extends TaonodeError {
  declare readonly details: { row: number; issues: string[] };
  constructor(message: string, details: { row: number; issues: string[] }) {
    super(message, { details });
  }
}
