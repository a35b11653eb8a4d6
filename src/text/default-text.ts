/**
 * A tiny built-in text (written for this textbook, CC0), for tests and for a model that must start
 * before data/corpus.txt has loaded. Short, repetitive lines a character RNN learns in seconds.
 */
export const DEFAULT_TEXT = `The wind was from the west. The sea was grey. The lamp was lit.
The wind was from the north. The sea was green. The lamp was lit.
The wind was from the east. The sea was white. The lamp was lit.
The wind was from the south. The sea was blue. The lamp was lit.
"Is the lamp lit?" asked Ada. "The lamp is lit," said the keeper.
There are 112 steps. There are 112 steps. There are 112 steps.
`;
