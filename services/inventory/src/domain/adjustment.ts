/** One entry of a SKU's audit trail: a count (PUT) or an adjustment, who made it, and the result. */
export interface AdjustmentEntry {
  id: string;
  sku: string;
  location: string;
  kind: 'set' | 'adjustment';
  delta: number;
  reason: string;
  /** The token subject of the admin who made it. */
  actor: string;
  at: string;
  /** On hand at the location after the change. */
  onHand: number;
  /** On hand across every location after the change. */
  totalOnHand: number;
}
