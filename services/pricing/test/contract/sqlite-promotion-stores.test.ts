import { describeCatalogCopyAndQuoteStoreContract } from './catalog-copy-and-quote-store.contract.ts';
import { openSqlitePromotionStores } from './promotion-fixtures.ts';
import { describePromotionStoreContract } from './promotion-store.contract.ts';

describePromotionStoreContract({ name: 'SQLite', create: openSqlitePromotionStores });
describeCatalogCopyAndQuoteStoreContract({ name: 'SQLite', create: openSqlitePromotionStores });
