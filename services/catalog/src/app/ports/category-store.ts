import type { CloudEvent } from '@emporium/kit';
import type { Category } from '../../domain/category.ts';

export interface CategoryStore {
  create(category: Category, events: CloudEvent[]): Promise<void>;
  update(category: Category, expectedVersion: number, events: CloudEvent[]): Promise<void>;
  get(id: string): Promise<Category | undefined>;
  /** The whole tree: catalogs have hundreds of categories, not millions. */
  all(): Promise<Category[]>;
  close(): Promise<void>;
}
