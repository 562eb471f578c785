import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  parseListState,
  serializeListState,
  toApiQuery,
  withFilter,
  type ListSpec,
  type ListState,
} from './url-state.ts';

type UpdateOptions = { replace?: boolean };

/** A list's view state, the API query it asks for, and the ways to change it. */
export interface ListStateControls<TSort extends string, TFilter extends string> {
  spec: ListSpec<TSort, TFilter>;
  state: ListState<TSort, TFilter>;
  apiQuery: Record<string, string>;
  update: (next: ListState<TSort, TFilter>, options?: UpdateOptions) => void;
  setFilter: (key: TFilter, value: string | undefined, options?: UpdateOptions) => void;
}

/** A list's view state read from, and written to, the URL search params. */
export function useListState<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
): ListStateControls<TSort, TFilter> {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(spec, params), [spec, params]);
  const apiQuery = useMemo(() => toApiQuery(spec, state), [spec, state]);
  const update = useCallback(
    (next: ListState<TSort, TFilter>, options?: UpdateOptions) => {
      setParams(serializeListState(spec, next), {
        replace: options?.replace ?? false,
        preventScrollReset: true,
      });
    },
    [spec, setParams],
  );
  const setFilter = useCallback(
    (key: TFilter, value: string | undefined, options?: UpdateOptions) =>
      update(withFilter(state, key, value), options),
    [state, update],
  );
  return { spec, state, apiQuery, update, setFilter };
}
