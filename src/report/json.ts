import type { Report } from './model.js';

/** `report.json`: the report model as is (the contract "tc0-report/1" of docs/design.md). */
export function renderJson(r: Report): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
