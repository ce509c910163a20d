import { EmbeddedSearchIndex } from '../../src/adapters/search/embedded/embedded-search-index.ts';
import { describeSearchIndexContract } from './search-index.contract.ts';

describeSearchIndexContract({
  name: 'EmbeddedSearchIndex',
  create: async () => new EmbeddedSearchIndex(),
});
