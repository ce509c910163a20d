import { runMain } from '@emporium/kit';
import { cartService } from './service.ts';

await runMain(cartService);
