import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  parseListState,
  serializeListState,
  toApiQuery,
  type ListSpec,
  type ListState,
} from './url-state.ts';

/** A list's view state read from, and written to, the URL search params. */
export function useListState<TSort extends string, TFilter extends string>(spec: ListSpec<TSort, TFilter>) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(spec, params), [spec, params]);
  const apiQuery = useMemo(() => toApiQuery(spec, state), [spec, state]);
  const update = useCallback(
    (next: ListState<TSort, TFilter>, options?: { replace?: boolean }) => {
      setParams(serializeListState(spec, next), {
        replace: options?.replace ?? false,
        preventScrollReset: true,
      });
    },
    [spec, setParams],
  );
  return { state, apiQuery, update };
}
