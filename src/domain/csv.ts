/** CSV as RFC 4180 has it: CRLF line ends; a field holding a comma, quote or line break is quoted, its quotes doubled. */

/** One record, line end included; null is an empty field. */
export function csvLine(fields: readonly (string | null)[]): string {
  return fields.map((field) => (field === null ? '' : csvField(field))).join(',') + '\r\n';
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
