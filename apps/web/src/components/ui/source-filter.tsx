import type { ListStateControls } from '../../lib/use-list-state.ts';
import { SelectFilter, type Option } from './select-filter.tsx';

/** What a list page whose items come from several sources takes from its route. */
export interface SourceListProps {
  /** A source's display name by id. */
  sourceName?: (id: string) => string;
  /** The configured sources, to filter by. */
  sourceOptions?: readonly Option[];
}

/**
 * "Source": narrows a list to one configured source. Shown when there is a choice to make, or when
 * the URL already filters by a source (even one no longer configured, so it can be cleared).
 */
export function SourceFilter({
  value,
  options,
  onChange,
}: {
  value: string | undefined;
  options: readonly Option[];
  onChange: (value: string | undefined) => void;
}) {
  if (options.length <= 1 && value === undefined) return null;
  const known = value === undefined || options.some((option) => option.value === value);
  return (
    <SelectFilter
      label="Source"
      anyLabel="Any source"
      value={value}
      options={known ? options : [...options, { value, label: value }]}
      onChange={onChange}
    />
  );
}

/** The SourceFilter on a list's `source` URL filter. */
export function ListSourceFilter<TSort extends string, TFilter extends string>({
  list,
  options,
}: {
  list: ListStateControls<TSort, TFilter | 'source'>;
  options: readonly Option[];
}) {
  return (
    <SourceFilter
      value={list.state.filters.source}
      options={options}
      onChange={(value) => list.setFilter('source', value)}
    />
  );
}
