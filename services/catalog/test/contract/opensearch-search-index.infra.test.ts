import { randomUUID } from 'node:crypto';
import { createOpenSearchIndex } from '../../src/adapters/search/opensearch/opensearch-search-index.ts';
import { describeSearchIndexContract } from './search-index.contract.ts';

const node = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';

describeSearchIndexContract({
  name: 'OpenSearchIndex',
  async create() {
    const index = await createOpenSearchIndex({ node, index: `catalog-test-${randomUUID()}` });
    const close = index.close.bind(index);
    // A fresh index per test, dropped on close so the cluster does not fill up.
    return Object.assign(index, { close: async () => (await index.drop(), close()) });
  },
});
