import { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router-dom';
import { reportFilterSearch, useReportFilters } from './useReportFilters';

const TYPES = ['a', 'b', 'c'] as const;
type Letter = (typeof TYPES)[number];

function renderFilters(url = '/report', urlTypeName?: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(
    () => ({
      ...useReportFilters<Letter>({
        urlPrefix: 'x',
        urlTypeName,
        types: TYPES,
      }),
      location: useLocation(),
      navigate: useNavigate(),
    }),
    { wrapper },
  );
}

describe('useReportFilters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('applies types at once, and the text trimmed once typing stops, all kept in the URL', () => {
    const { result } = renderFilters();
    expect(result.current.filters).toEqual({
      types: undefined,
      owner: undefined,
      system: undefined,
    });

    act(() => result.current.changeInputs({ types: ['b', 'c'] }));
    act(() => result.current.changeInputs({ owner: ' team-a ' }));
    act(() => result.current.changeInputs({ system: 'payments' }));
    expect(result.current.inputs).toEqual({
      types: ['b', 'c'],
      owner: ' team-a ',
      system: 'payments',
    });
    expect(result.current.filters).toEqual({
      types: ['b', 'c'],
      owner: undefined,
      system: undefined,
    });
    expect(result.current.location.search).toBe('?xType=b&xType=c');

    act(() => jest.advanceTimersByTime(400));
    expect(result.current.filters).toEqual({
      types: ['b', 'c'],
      owner: 'team-a',
      system: 'payments',
    });
    expect(new URLSearchParams(result.current.location.search).toString()).toBe(
      'xType=b&xType=c&xOwner=team-a&xSystem=payments',
    );
  });

  it('names the type filter as the report says, in the URL and in links', () => {
    const search = reportFilterSearch<Letter>('x', { types: ['b'] }, 'Status');
    expect(search).toBe('?xStatus=b');
    const { result } = renderFilters(`/report${search}&xType=a`, 'Status');
    expect(result.current.filters.types).toEqual(['b']);

    act(() => result.current.changeInputs({ types: ['a', 'c'] }));
    expect(result.current.location.search).toBe('?xType=a&xStatus=a&xStatus=c');
  });

  it('restores the filters of a shared URL, ignoring types it does not know', () => {
    const { result } = renderFilters(
      `/report?other=1&xType=c&xType=zz&xType=a&xOwner=${encodeURIComponent(
        'group:default/retail-banking',
      )}`,
    );
    expect(result.current.filters).toEqual({
      types: ['c', 'a'],
      owner: 'group:default/retail-banking',
      system: undefined,
    });
    expect(result.current.inputs.owner).toBe('group:default/retail-banking');

    // Clearing the types keeps the other parameters of the page.
    act(() => result.current.changeInputs({ types: [] }));
    expect(result.current.location.search).toBe(
      '?other=1&xOwner=group%3Adefault%2Fretail-banking',
    );
  });

  it('follows a link to other filters, replacing what was typed', () => {
    const { result } = renderFilters('/report?xOwner=team-a');
    act(() => result.current.changeInputs({ owner: 'team-b' }));
    act(() =>
      result.current.navigate(
        `/report${reportFilterSearch<Letter>('x', {
          types: ['a'],
          system: 'payments',
        })}`,
      ),
    );
    act(() => jest.advanceTimersByTime(400));
    expect(result.current.filters).toEqual({
      types: ['a'],
      owner: undefined,
      system: 'payments',
    });
    expect(result.current.inputs).toEqual({
      types: ['a'],
      owner: '',
      system: 'payments',
    });
  });

  it('keeps the same filters while nothing changes, and unsets blank text', () => {
    const { result } = renderFilters();
    act(() => result.current.changeInputs({ owner: 'team-a' }));
    act(() => jest.advanceTimersByTime(400));
    const filters = result.current.filters;

    act(() => result.current.changeInputs({ owner: 'team-ab' }));
    act(() => result.current.changeInputs({ owner: 'team-a' }));
    act(() => jest.advanceTimersByTime(400));
    expect(result.current.filters).toBe(filters);

    act(() => result.current.changeInputs({ owner: '   ' }));
    act(() => jest.advanceTimersByTime(400));
    expect(result.current.filters.owner).toBeUndefined();
    expect(result.current.location.search).toBe('');
  });
});
