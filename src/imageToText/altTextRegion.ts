/**
 * The alt text of a Markdown image as a streamed region: one escaped line that replaces the old
 * alt text, which stays until the first word arrives and comes back when the stream is
 * cancelled or produced nothing usable.
 */
import type { RegionText } from '../editing/streamedEdit';
import { shapeAltText } from './imageTasks';
import { escapeAltText } from './markdownImageLink';

export function altTextRegion(original: string): RegionText {
  const altText = (generated: string) => escapeAltText(shapeAltText(generated)) || original;
  return {
    live: altText,
    final: (generated, ending) => (ending === 'cancelled' ? original : altText(generated)),
  };
}
