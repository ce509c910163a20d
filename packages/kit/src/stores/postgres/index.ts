// `@emporium/kit/postgres`: loads `pg`, so embedded mode never imports it.
export * from '../../db/postgres.ts';
