/**
 * Where a word too long for a table cell may break. Text wraps at spaces; only a word wider
 * than its cell gets soft hyphens, so the PDF breaks it at a syllable with a visible hyphen
 * ("Medianvistelse-tid") instead of after whatever letter reaches the edge.
 */

const SOFT_HYPHEN = '\u00ad';
const VOWEL = /[aeiouyåäöéü]/i;
const LETTER = /\p{L}/u;
/** Letters left on a line or carried to the next, at the least. */
const MIN_PART = 2;
/** Consonant runs that may begin a Swedish syllable: the next line takes them whole ("grupp"). */
const ONSETS = new Set(
  'bl br dr fl fr gl gn gr kl kn kr kv pl pr sk sl sm sn sp st sv tr tv sj tj kj skr spl spr str skv'.split(' '),
);

/** Letters of a consonant run that go to the next syllable. */
function onsetLength(run: string): number {
  // "-ngs" + vowel is the joint of a compound ("lednings-organisation")
  if (run.endsWith('ngs')) return 0;
  for (const length of [3, 2]) if (run.length >= length && ONSETS.has(run.slice(-length))) return length;
  return 1;
}

/**
 * A Swedish word with soft hyphens at its syllable boundaries: before the last consonant of each
 * run of consonants between two vowels, or before a cluster that starts syllables ("or-ga-ni-sa-tion",
 * "led-nings-grupp"). A rule of thumb,
 * not a dictionary: it never breaks inside a syllable's vowel and keeps two letters on each side.
 */
export function hyphenate(word: string): string {
  const letters = [...word];
  const breaks = new Set<number>();
  let lastVowel = -1;
  for (let i = 0; i < letters.length; i++) {
    const ch = letters[i] as string;
    if (!LETTER.test(ch)) {
      lastVowel = -1;
      continue;
    }
    if (!VOWEL.test(ch)) continue;
    // a run of consonants since the last vowel: break before the syllable's onset
    if (lastVowel >= 0 && i - lastVowel >= 2) {
      const run = letters
        .slice(lastVowel + 1, i)
        .join('')
        .toLowerCase();
      breaks.add(i - (run.length === 1 ? 1 : Math.min(onsetLength(run), run.length - 1)));
    }
    lastVowel = i;
  }
  let out = '';
  letters.forEach((ch, i) => {
    if (breaks.has(i) && i >= MIN_PART && letters.length - i >= MIN_PART) out += SOFT_HYPHEN;
    out += ch;
  });
  return out;
}

/** The text with soft hyphens in each word that `fits` says is too wide for its line. */
export function hyphenateLongWords(text: string, fits: (word: string) => boolean): string {
  return text.replace(/[^\s\u00ad]+/g, (word) => (fits(word) ? word : hyphenate(word)));
}
