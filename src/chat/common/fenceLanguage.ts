/** A code fence's info word as a VS Code language id (`ts` → `typescript`); unknown words pass through. */
const FENCE_TO_LANGUAGE: Record<string, string> = {
  js: 'javascript', jsx: 'javascriptreact', ts: 'typescript', tsx: 'typescriptreact', py: 'python', sh: 'shellscript',
  bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript', yml: 'yaml', md: 'markdown', 'c++': 'cpp', cs: 'csharp',
  rs: 'rust', golang: 'go', text: 'plaintext', txt: 'plaintext', '': 'plaintext',
};

export function languageIdOfFence(fence: string, known: readonly string[]): string {
  const word = fence.trim().toLowerCase();
  const mapped = FENCE_TO_LANGUAGE[word] ?? word;
  return known.includes(mapped) ? mapped : 'plaintext';
}
