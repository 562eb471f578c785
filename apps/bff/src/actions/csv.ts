// CSV files for download (RFC 4180), safe to open in a spreadsheet.

/** One CSV record (RFC 4180): cells separated by commas, ended by CRLF. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * One CSV cell, safe to open in a spreadsheet: a cell a spreadsheet would take for a formula
 * (starting with =, +, -, @, tab or CR) gets a leading apostrophe, so it shows as text (CSV
 * injection); a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
