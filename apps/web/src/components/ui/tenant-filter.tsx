import type { ListStateControls } from '../../lib/use-list-state.ts';
import { TextFilter } from './text-filter.tsx';

/** "Tenant": narrows a list to one tenant's items (its exact name, any case). */
export function ListTenantFilter<TSort extends string, TFilter extends string>({
  list,
}: {
  list: ListStateControls<TSort, TFilter | 'tenant'>;
}) {
  return (
    <TextFilter
      label="Tenant"
      type="text"
      placeholder="Exact tenant name"
      value={list.state.filters.tenant ?? ''}
      maxLength={200}
      className="w-48"
      onCommit={(tenant, options) => list.setFilter('tenant', tenant, options)}
    />
  );
}
