/**
 * Windows-1252 characters outside Latin-1, by the byte they stand for
 * (0x80–0x9F). The bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D) are usually carried through as the C1 controls U+0081 etc.,
 * which map to themselves like the rest of Latin-1.
 */
const WINDOWS_1252: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

/** Lead bytes of multi-byte UTF-8 sequences, as characters. */
const SUSPECT = /[\u00c2-\u00f4]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function windows1252Byte(char: string): number | undefined {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? code : WINDOWS_1252.get(code);
}

/** How many continuation bytes a UTF-8 lead byte announces. */
function continuationCount(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

/**
 * Whether a decoded character is one that mojibake in European text
 * realistically stands for: a Latin-1 or Latin Extended-A letter or sign,
 * general punctuation and symbols (dashes, quotes, the euro sign, arrows…)
 * or an emoji. Guards against "repairing" genuine text such as `é”…` into a
 * CJK character or `Ç»` into a Latin Extended-B one.
 */
function isPlausible(decoded: string): boolean {
  const code = decoded.codePointAt(0)!;
  return (
    (code >= 0xa0 && code <= 0x17f) ||
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x1f000 && code <= 0x1faff)
  );
}

/**
 * Repairs text that was UTF-8 but got read as Windows-1252 somewhere on its
 * way (e.g. `donâ€™t` → `don’t`, `â€”` → `—`, `Ã©` → `é`). Sequences that do
 * not decode to valid UTF-8, or decode to an implausible character, are left
 * as they are, so correct text in any of the method's languages is returned
 * unchanged.
 *
 * @internal
 */
export function repairMojibake(text: string): string {
  if (!SUSPECT.test(text)) {
    return text;
  }
  const chars = Array.from(text);
  let repaired = '';
  let index = 0;
  while (index < chars.length) {
    const lead = chars[index].codePointAt(0)!;
    const count = continuationCount(lead);
    const bytes = [lead];
    for (let next = 1; next <= count && index + next < chars.length; next++) {
      const byte = windows1252Byte(chars[index + next]);
      if (byte === undefined || byte < 0x80 || byte > 0xbf) break;
      bytes.push(byte);
    }
    if (count > 0 && bytes.length === count + 1) {
      try {
        const decoded = utf8.decode(Uint8Array.from(bytes));
        if (isPlausible(decoded)) {
          repaired += decoded;
          index += bytes.length;
          continue;
        }
      } catch {
        // not UTF-8: keep the characters as they are
      }
    }
    repaired += chars[index];
    index += 1;
  }
  return repaired;
}
