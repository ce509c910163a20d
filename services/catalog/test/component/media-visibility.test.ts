import { describeMediaVisibility } from './media-visibility.suite.ts';

describeMediaVisibility('disk');
