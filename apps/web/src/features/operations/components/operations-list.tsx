import type { Operation, OperationQuery } from '@lifeboat/shared';
import { useMemo } from 'react';
import {
  OperationStateBadge,
  operationStateDisplay,
  operationStates,
} from '../../../components/status/operation-state-badge.tsx';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { ItemLink } from '../../../components/ui/item-link.tsx';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { ListSourceFilter, type SourceListProps } from '../../../components/ui/source-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { useListState } from '../../../lib/use-list-state.ts';
import { operationsListSpec as spec, useOperations } from '../api/get-operations.ts';

const stateOptions = displayOptions(operationStates, operationStateDisplay);

export const operationPath = (id: string) => `/operations/${encodeURIComponent(id)}`;

function columns(sourceName: (id: string) => string): Column<Operation, OperationQuery['sort']>[] {
  return [
    {
      header: 'State',
      sort: 'state',
      cell: (op) => <OperationStateBadge state={op.state} />,
    },
    {
      header: 'Plan',
      sort: 'planName',
      cell: (op) => (
        <ItemLink to={operationPath(op.id)} title={op.planName} className="max-w-64">
          {op.planName}
        </ItemLink>
      ),
    },
    { header: 'Action', cell: (op) => planActionDisplay[op.action]?.label ?? op.action },
    { header: 'Requested by', cell: (op) => <Truncated text={op.requestedBy} className="max-w-32" /> },
    { header: 'Requested at', sort: 'requestedAt', cell: (op) => <Time iso={op.requestedAt} /> },
    {
      header: 'Decided by',
      cell: (op) =>
        op.decidedBy ? <Truncated text={op.decidedBy} className="max-w-32" /> : <Missing label="no one" />,
    },
    { header: 'Source', cell: (op) => <Truncated text={sourceName(op.source)} className="max-w-36" /> },
    {
      header: 'Latest word',
      hideBelow: 'xl',
      cell: (op) => <Truncated text={op.message} className="max-w-56" />,
    },
  ];
}

/** Every failover and failback requested through Lifeboat; filters, sort and page are in the URL. */
export function OperationsList({ sourceName = (id) => id, sourceOptions = [] }: SourceListProps) {
  const list = useListState(spec);
  const operations = useOperations({ params: list.apiQuery });
  const cols = useMemo(() => columns(sourceName), [sourceName]);
  return (
    <ListView
      list={list}
      query={operations}
      filterLabel="Filter operations"
      searchPlaceholder="Plan, person, reason or ticket"
      filters={
        <>
          <ListSelectFilter
            list={list}
            filter="state"
            label="State"
            anyLabel="Any state"
            options={stateOptions}
          />
          <ListSourceFilter list={list} options={sourceOptions} />
        </>
      }
      caption="Operations"
      noun="operation"
      nounPlural="operations"
      columns={cols}
      rowKey={(op) => op.id}
      emptyHint="No failover or failback has been requested through Lifeboat yet."
    />
  );
}
