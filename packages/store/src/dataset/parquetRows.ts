import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSpec, DatasetRow } from './columns.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
type ColumnData = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number]['data'];

/**
 * One parquet file from rows, shaped as pyarrow writes a Hugging Face `datasets` table: every
 * column OPTIONAL, strings UTF8, ints INT64, floats DOUBLE, float lists as the 3-level
 * `LIST<element: double>`, snappy-compressed, one row group.
 */
export function rowsToParquet(columns: readonly ColumnSpec[], rows: readonly DatasetRow[]): Uint8Array {
  const schema: SchemaElement[] = [{ name: 'schema', num_children: columns.length }];
  const columnData: { name: string; data: ColumnData; encoding?: 'PLAIN'; statistics?: boolean }[] = [];
  for (const c of columns) {
    const values = rows.map((r) => r[c.name]);
    switch (c.type) {
      case 'string':
        schema.push({
          name: c.name,
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
          repetition_type: 'OPTIONAL',
        });
        columnData.push({ name: c.name, data: values as string[] });
        break;
      case 'int64':
        schema.push({ name: c.name, type: 'INT64', repetition_type: 'OPTIONAL' });
        columnData.push({ name: c.name, data: values.map((v) => BigInt(v as number)) });
        break;
      case 'double':
        schema.push({ name: c.name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
        columnData.push({ name: c.name, data: values as number[] });
        break;
      case 'doubleList':
        schema.push(
          { name: c.name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        );
        columnData.push({
          name: c.name,
          data: values.map((v) => [...(v as number[])]),
          encoding: 'PLAIN',
          statistics: false,
        });
        break;
    }
  }
  const buf = parquetWriteBuffer({
    columnData,
    schema,
    rowGroupSize: Math.max(1, rows.length),
    createdBy: 'taonode',
  });
  return new Uint8Array(buf);
}

/** Reads a parquet file back into plain rows (INT64 → number); `columns` limits what is decoded. */
export async function readParquetRows(
  bytes: Uint8Array,
  options: { columns?: readonly string[] } = {},
): Promise<DatasetRow[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({
    file,
    ...(options.columns === undefined ? {} : { columns: [...options.columns] }),
  })) as Record<string, unknown>[];
  return rows.map((r) => {
    const out: DatasetRow = {};
    for (const [k, v] of Object.entries(r))
      out[k] = (typeof v === 'bigint' ? Number(v) : v) as DatasetRow[string];
    return out;
  });
}
