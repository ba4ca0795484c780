export { CursorPaginatedTable } from './CursorPaginatedTable';
export { useCursorPages } from './useCursorPages';
