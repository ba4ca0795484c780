import { act, renderHook } from '@testing-library/react';
import { useReportFilters } from './useReportFilters';

describe('useReportFilters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('applies a type at once, and the text trimmed once typing stops', () => {
    const { result } = renderHook(() => useReportFilters<'a' | 'b'>());
    expect(result.current.filters).toEqual({
      type: undefined,
      owner: undefined,
      system: undefined,
    });

    act(() => result.current.changeInputs({ type: 'b' }));
    act(() => result.current.changeInputs({ owner: ' team-a ' }));
    act(() => result.current.changeInputs({ system: 'payments' }));
    expect(result.current.inputs).toEqual({
      type: 'b',
      owner: ' team-a ',
      system: 'payments',
    });
    expect(result.current.filters).toEqual({
      type: 'b',
      owner: undefined,
      system: undefined,
    });

    act(() => jest.advanceTimersByTime(400));
    expect(result.current.filters).toEqual({
      type: 'b',
      owner: 'team-a',
      system: 'payments',
    });
  });

  it('keeps the same filters while nothing changes, and unsets blank text', () => {
    const { result } = renderHook(() => useReportFilters());
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
  });
});
