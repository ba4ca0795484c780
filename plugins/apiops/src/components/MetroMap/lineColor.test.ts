import { getContrastRatio } from '@material-ui/core/styles';
import { lineColorOn } from './lineColor';

const DARK_PAPER = { color: '#424242', dark: true };

describe('lineColorOn', () => {
  it('lightens a dark line on a dark background until it stands out at 3:1', () => {
    const color = lineColorOn('#1a3987', DARK_PAPER)!;
    expect(getContrastRatio('#1a3987', DARK_PAPER.color)).toBeLessThan(3);
    expect(getContrastRatio(color, DARK_PAPER.color)).toBeGreaterThanOrEqual(3);
    expect(color).not.toBe('#1a3987');
  });

  it('keeps a line that already stands out, and every line on a light background', () => {
    expect(lineColorOn('#17C6E9', DARK_PAPER)).toBe('#17C6E9');
    expect(lineColorOn('#1a3987', { color: '#fff', dark: false })).toBe(
      '#1a3987',
    );
  });

  it('leaves a missing or unreadable colour alone', () => {
    expect(lineColorOn(undefined, DARK_PAPER)).toBeUndefined();
    expect(lineColorOn('not-a-colour', DARK_PAPER)).toBe('not-a-colour');
  });
});
