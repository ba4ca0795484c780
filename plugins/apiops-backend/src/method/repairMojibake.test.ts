import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findMethodDataPackageRoot } from './loadMethodData';
import { repairMojibake } from './repairMojibake';

describe('repairMojibake', () => {
  it.each([
    ['donâ€™t', 'don’t'],
    ['APIâ€™s Real Users', 'API’s Real Users'],
    ['deploying â€” itâ€™s about', 'deploying — it’s about'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['a â€“ b', 'a – b'],
    ['wait â€¦', 'wait …'],
    ['â‚¬ 5', '€ 5'],
    ['cafÃ©', 'café'],
    ['Ã„Ã–Ãœ Ã¤Ã¶Ã¼ ÃŸ', 'ÄÖÜ äöü ß'],
    ['franÃ§ais Ã\u00a0lâ€™API', 'français àl’API'],
    ['NÃ£o', 'Não'],
    ['Â©', '©'],
    ['Åˆ', 'ň'],
    ['ðŸš€ launch', '🚀 launch'],
  ])('repairs %p to %p', (broken, repaired) => {
    expect(repairMojibake(broken)).toBe(repaired);
  });

  it.each([
    '',
    'plain ASCII text',
    'Mittarit ja palautteet ohjaavat jatkuvaa parantamista: näyttö, hyödyntäjä',
    'Définir la proposition de valeur « API » — à l’échelle',
    'Geschäftsziele, Größe, Übersicht: „Qualität“',
    'Não há SÃO PAULO, ação, não',
    'already right: don’t — “quoted” … €',
    'é”… stays', // would decode to a CJK character
    'Ç» stays', // would decode to a Latin Extended-B letter
    'Ã alone, Â alone, â alone',
    'â€ cut short',
    'ends with Ã',
    'Ã  followed by a plain space', // the NBSP of à got lost: not repairable
  ])('leaves correct text %p as it is', text => {
    expect(repairMojibake(text)).toBe(text);
  });

  describe('on the installed method data', () => {
    const methodDir = path.join(
      findMethodDataPackageRoot(),
      'src',
      'data',
      'method',
    );
    const labels = (locale: string): Array<[string, string]> =>
      readdirSync(path.join(methodDir, locale))
        .filter(file => /^labels\..*json$/.test(file))
        .flatMap(file =>
          Object.entries(
            JSON.parse(
              readFileSync(path.join(methodDir, locale, file), 'utf8'),
            ) as Record<string, string>,
          ).map(([key, text]): [string, string] => [`${file}:${key}`, text]),
        );

    it.each(['fi', 'fr', 'de', 'pt'])(
      'changes no %s label (no false repairs)',
      locale => {
        const changed = labels(locale).filter(
          ([, text]) => repairMojibake(text) !== text,
        );
        expect(changed).toEqual([]);
      },
    );

    it('repairs exactly the broken English labels', () => {
      const changed = labels('en').filter(
        ([, text]) => repairMojibake(text) !== text,
      );
      expect(changed.length).toBeGreaterThan(0);
      for (const [key, text] of changed) {
        expect([key, text]).toEqual([key, expect.stringContaining('â€')]);
        expect([key, repairMojibake(text)]).not.toEqual([
          key,
          expect.stringMatching(/â€|Ã|Â/),
        ]);
      }
      const untouched = labels('en').filter(
        ([, text]) => repairMojibake(text) === text,
      );
      expect(untouched.filter(([, text]) => text.includes('â€'))).toEqual([]);
    });
  });
});
