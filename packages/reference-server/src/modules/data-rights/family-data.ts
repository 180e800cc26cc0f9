import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { deleteFile } from '../../platform/files/files.js';

/**
 * Every table that holds a family's data, ONE LINE EACH: the export (right of access)
 * and the retention purge both walk this list, so a table added here is exported and
 * purged; a table forgotten here is neither — add yours.
 *
 * `column` holds the id of a row of the `of` table (`families` is the root: its own `id`).
 * Parents come before the tables that refer to them: the purge deletes in reverse order.
 * `secret` columns are never exported (hashes of passwords and tokens, stored answers);
 * `files` columns name stored files that go with the row; `anonymise` is what a kept
 * row becomes (see KEPT_TABLES).
 */
export const FAMILY_TABLES: FamilyTable[] = [
  {
    table: 'families',
    column: 'id',
    of: null,
    anonymise: { address_line1: '—', address_line2: null, postal_code: '00000', city: '—', quotient_familial: null },
  },
  {
    table: 'guardians',
    column: 'family_id',
    of: 'families',
    anonymise: { first_name: 'Anonyme', last_name: 'Anonyme', email: (r) => `anonyme-${r.id}@invalid`, phone: null },
  },
  {
    table: 'children',
    column: 'family_id',
    of: 'families',
    anonymise: { first_name: 'Anonyme', last_name: 'Anonyme', school: null, grade: null },
  },
  {
    table: 'accounts',
    column: 'guardian_id',
    of: 'guardians',
    secret: ['password_hash'],
    anonymise: {
      identifier: (r) => `anonyme-${r.id}`,
      email: (r) => `anonyme-${r.id}@invalid`,
      display_name: 'Anonyme',
      password_hash: null,
      status: 'disabled',
    },
  },
  { table: 'sessions', column: 'account_id', of: 'accounts', secret: ['access_hash', 'refresh_hash', 'previous_refresh_hash'] },
  { table: 'account_tokens', column: 'account_id', of: 'accounts', secret: ['token_hash'] },
  { table: 'idempotency_keys', column: 'account_id', of: 'accounts', secret: ['request_hash', 'body'] },
  { table: 'calendar_feeds', column: 'family_id', of: 'families', secret: ['token_hash'] },
  { table: 'enrolments', column: 'child_id', of: 'children' },
  { table: 'bookings', column: 'child_id', of: 'children' },
  { table: 'booking_requests', column: 'family_id', of: 'families' },
  { table: 'booking_request_lines', column: 'request_id', of: 'booking_requests' },
  { table: 'attendances', column: 'child_id', of: 'children' },
  { table: 'absences', column: 'child_id', of: 'children', files: ['document_id'] },
  { table: 'family_situations', column: 'family_id', of: 'families' },
  { table: 'child_health_sheets', column: 'child_id', of: 'children' },
  { table: 'authorised_persons', column: 'family_id', of: 'families' },
  { table: 'family_change_requests', column: 'family_id', of: 'families' },
  { table: 'change_request_attachments', column: 'request_id', of: 'family_change_requests', files: ['file_id'] },
  { table: 'email_changes', column: 'account_id', of: 'accounts', secret: ['token_hash'] },
];

/**
 * Tables accounting law makes us keep (invoices, payments: 10 years, Code de commerce
 * L123-22 / public accounting rules), ONE LINE EACH: `refs` are the family rows their
 * rows point to. The purge never touches these tables; a family whose rows they refer to
 * is anonymised instead of deleted (the referred rows and their parents stay, with their
 * `anonymise` values; everything else of the family goes). Example, for the billing module:
 *   { table: 'invoices', refs: [{ column: 'family_id', of: 'families' }] },
 */
export const KEPT_TABLES: KeptTable[] = [
  { table: 'invoices', refs: [{ column: 'family_id', of: 'families' }] },
  { table: 'invoice_lines', refs: [{ column: 'child_id', of: 'children' }] },
  {
    table: 'billed_days',
    refs: [
      { column: 'family_id', of: 'families' },
      { column: 'child_id', of: 'children' },
    ],
  },
  {
    table: 'billed_items',
    refs: [
      { column: 'family_id', of: 'families' },
      { column: 'child_id', of: 'children' },
    ],
  },
  { table: 'payments', refs: [{ column: 'family_id', of: 'families' }] },
  { table: 'family_credits', refs: [{ column: 'family_id', of: 'families' }] },
];

/**
 * The kept accounting records are the family's data too: the export carries them (read
 * only, never purged). Same shape as FAMILY_TABLES; `of: null` means "the family's id".
 */
export const ACCOUNTING_TABLES: FamilyTable[] = [
  { table: 'invoices', column: 'family_id', of: null },
  { table: 'invoice_lines', column: 'invoice_id', of: 'invoices' },
  { table: 'credit_notes', column: 'invoice_id', of: 'invoices' },
  { table: 'billed_days', column: 'family_id', of: null },
  { table: 'payments', column: 'family_id', of: null },
  { table: 'payment_invoices', column: 'payment_id', of: 'payments' },
  { table: 'family_credits', column: 'family_id', of: null },
];

type Row = Record<string, unknown>;

export interface FamilyTable {
  table: string;
  column: string;
  of: string | null;
  secret?: string[];
  files?: string[];
  anonymise?: Record<string, string | number | null | ((row: Row) => string)>;
}

export interface KeptTable {
  table: string;
  refs: { column: string; of: string }[];
}

/** The family's rows, table by table (in FAMILY_TABLES order). */
export async function familyRows(
  sequelize: Sequelize,
  familyId: string,
  transaction?: Transaction,
  tables: FamilyTable[] = FAMILY_TABLES,
): Promise<Map<string, Row[]>> {
  const qi = sequelize.getQueryInterface();
  const q = (name: string) => qi.quoteIdentifier(name);
  const rows = new Map<string, Row[]>();
  for (const spec of tables) {
    const keys = spec.of === null ? [familyId] : (rows.get(spec.of) ?? []).map((r) => r.id);
    const found =
      keys.length === 0
        ? []
        : await sequelize.query<Row>(`SELECT * FROM ${q(spec.table)} WHERE ${q(spec.column)} IN (:keys)`, {
            replacements: { keys },
            type: QueryTypes.SELECT,
            transaction: transaction ?? null,
          });
    rows.set(spec.table, found);
  }
  return rows;
}

/** The export: every table's rows without their secret columns. */
export async function exportFamily(sequelize: Sequelize, familyId: string): Promise<Record<string, Row[]>> {
  const rows = new Map([
    ...(await familyRows(sequelize, familyId)),
    ...(await familyRows(sequelize, familyId, undefined, ACCOUNTING_TABLES)),
  ]);
  const tables: Record<string, Row[]> = {};
  for (const spec of [...FAMILY_TABLES, ...ACCOUNTING_TABLES]) {
    const secret = new Set(spec.secret ?? []);
    tables[spec.table] = (rows.get(spec.table) ?? []).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !secret.has(column))),
    );
  }
  return tables;
}

/** The tables kept rows refer to (directly, or as parents of those): they are anonymised, not deleted. */
async function anchoredTables(sequelize: Sequelize, rows: Map<string, Row[]>, kept: KeptTable[], transaction: Transaction) {
  const q = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  const anchored = new Set<string>();
  for (const keptTable of kept) {
    for (const ref of keptTable.refs) {
      const keys = (rows.get(ref.of) ?? []).map((r) => r.id);
      if (keys.length === 0) continue;
      const [hit] = await sequelize.query<Row>(`SELECT 1 AS one FROM ${q(keptTable.table)} WHERE ${q(ref.column)} IN (:keys) LIMIT 1`, {
        replacements: { keys },
        type: QueryTypes.SELECT,
        transaction,
      });
      if (!hit) continue;
      // The referred table and its parents up to the family stay.
      for (let table: string | null = ref.of; table; table = FAMILY_TABLES.find((t) => t.table === table)?.of ?? null) anchored.add(table);
    }
  }
  return anchored;
}

/**
 * Removes a family's data in the caller's write transaction: every row of FAMILY_TABLES
 * goes, except where KEPT_TABLES' rows refer to it — those rows (and their parents) stay,
 * anonymised. Never touches the kept tables themselves. Says which it did.
 */
export async function purgeFamily(
  sequelize: Sequelize,
  args: { communeId: string; familyId: string; kept?: KeptTable[] },
  transaction: Transaction,
): Promise<'deleted' | 'anonymised'> {
  const q = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  const rows = await familyRows(sequelize, args.familyId, transaction);
  const anchored = await anchoredTables(sequelize, rows, args.kept ?? KEPT_TABLES, transaction);
  for (const spec of [...FAMILY_TABLES].reverse()) {
    const tableRows = rows.get(spec.table) ?? [];
    if (tableRows.length === 0) continue;
    const keys = spec.of === null ? [args.familyId] : [...new Set(tableRows.map((r) => r[spec.column]))];
    if (anchored.has(spec.table)) {
      for (const row of tableRows) {
        const changes = Object.entries(spec.anonymise ?? {}).map(([column, value]) => [
          column,
          typeof value === 'function' ? value(row) : value,
        ]);
        if (changes.length === 0) continue;
        await sequelize.query(
          `UPDATE ${q(spec.table)} SET ${changes.map(([c]) => `${q(String(c))} = :${String(c)}`).join(', ')} WHERE ${q('id')} = :rowId`,
          {
            replacements: { ...Object.fromEntries(changes), rowId: row.id },
            transaction,
          },
        );
      }
      continue;
    }
    await sequelize.query(`DELETE FROM ${q(spec.table)} WHERE ${q(spec.column)} IN (:keys)`, { replacements: { keys }, transaction });
    for (const column of spec.files ?? []) {
      for (const row of tableRows)
        if (typeof row[column] === 'string') await deleteFile(args.communeId, row[column] as string, transaction);
    }
  }
  return anchored.size > 0 ? 'anonymised' : 'deleted';
}
