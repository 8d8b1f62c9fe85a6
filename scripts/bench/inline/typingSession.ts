/**
 * What the benchmark types: a Markdown note, then one more sentence a character (or a word) at a
 * time, as the states of the document at each keystroke.
 */

const NOTE = `# Field notes

The river was high this morning, brown with the rain that fell all week in the hills. We walked
along the bank to the old mill, where the water had reached the second step of the stairs.

The miller's daughter told us it had not been this high since the spring her father rebuilt the
wheel. She keeps a record of every flood on the inside of the door, in pencil, with the date.

`;

const TYPED = 'By noon the level had dropped a hand, and the gulls were back on the weir.';

export type Granularity = 'character' | 'word';

/**
 * The text before the cursor when the document is opened, and after each keystroke (the cursor
 * is at the end of the document).
 */
export function keystrokes(granularity: Granularity, count: number): { opened: string; states: string[] } {
  const ends =
    granularity === 'character'
      ? [...TYPED].map((_, i) => i + 1)
      : [...TYPED.matchAll(/\S+\s?/g)].map((m) => m.index + m[0].length);
  return { opened: NOTE, states: ends.slice(0, count).map((end) => NOTE + TYPED.slice(0, end)) };
}
