import { describeOversell } from './oversell.suite.ts';

describeOversell('SQLite');
