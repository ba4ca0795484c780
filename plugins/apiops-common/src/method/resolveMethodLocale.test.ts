import { isMethodLocale, resolveMethodLocale } from './resolveMethodLocale';

describe('resolveMethodLocale', () => {
  it.each([
    ['en', 'en'],
    ['fi', 'fi'],
    ['fr', 'fr'],
    ['de', 'de'],
    ['pt', 'pt'],
    ['fi-FI', 'fi'],
    ['pt_BR', 'pt'],
    ['DE', 'de'],
    [' fr ', 'fr'],
    ['sv', 'en'],
    ['en-GB', 'en'],
    ['', 'en'],
    ['-', 'en'],
    [undefined, 'en'],
  ])('resolves %p to %p', (requested, expected) => {
    expect(resolveMethodLocale(requested)).toBe(expected);
  });
});

describe('isMethodLocale', () => {
  it.each([
    ['en', true],
    ['pt', true],
    ['fi-FI', false],
    ['EN', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%p is a method locale: %p', (value, expected) => {
    expect(isMethodLocale(value)).toBe(expected);
  });
});
