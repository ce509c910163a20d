import { api } from './api.js';

/** The category tree, loaded once per page view (shared by the nav, facets and breadcrumbs). */
class Categories {
  constructor() {
    this.byId = new Map();
    this.bySlug = new Map();
    this.childrenOf = new Map();
    this.roots = [];
    this.loaded = null;
  }

  load() {
    this.loaded ??= api.categories().then(
      (items) => {
        this.index(items);
        return this;
      },
      (error) => {
        this.loaded = null;
        throw error;
      },
    );
    return this.loaded;
  }

  /** Resolves once loaded, or with an empty tree if the catalog cannot be reached. */
  settle() {
    return this.load().catch(() => this);
  }

  index(items) {
    const byName = (a, b) => a.name.localeCompare(b.name);
    for (const category of items) {
      this.byId.set(category.id, category);
      this.bySlug.set(category.slug, category);
    }
    for (const category of items) {
      const parent =
        category.parentId && this.byId.has(category.parentId) ? category.parentId : null;
      if (parent === null) this.roots.push(category);
      else this.childrenOf.set(parent, [...(this.childrenOf.get(parent) ?? []), category]);
    }
    for (const children of this.childrenOf.values()) children.sort(byName);
  }

  children(id) {
    return this.childrenOf.get(id) ?? [];
  }

  /** A category by slug or id (URLs carry slugs, the search API ids). */
  find(key) {
    return key ? (this.bySlug.get(key) ?? this.byId.get(key) ?? null) : null;
  }

  /** Root first: [Electronics, Headphones & Earbuds]. */
  path(id) {
    const path = [];
    for (let category = this.byId.get(id); category && path.length < 10;) {
      path.unshift(category);
      category = category.parentId ? this.byId.get(category.parentId) : undefined;
    }
    return path;
  }

  /** The deepest of a product's categories, for its breadcrumb. */
  deepest(ids) {
    return ids
      .map((id) => this.path(id))
      .reduce((best, path) => (path.length > best.length ? path : best), []);
  }
}

export const categories = new Categories();
