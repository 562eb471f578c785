import type { Overview } from '@lifeboat/shared';
import { Link } from 'react-router';
import { rpoDisplay, rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { DataTable, tdClass, Th } from '../../../components/ui/table.tsx';
import { formatCount } from '../../../lib/format.ts';
import { Panel, type Freshness } from './panel.tsx';

/** Tenants shown on the overview; the rest are one click away on the RPO page. */
const SHOWN = 12;

/**
 * RPO compliance per tenant, worst tenant first: each count links to that tenant's VMs of that
 * grade. A service provider sees at once which customers could lose the most.
 */
export function RpoByTenantPanel({
  rows,
  freshness,
}: {
  rows: Overview['rpoByTenant'];
  freshness: Freshness;
}) {
  const shown = rows.slice(0, SHOWN);
  return (
    <Panel id="rpo-tenants" title="RPO compliance by tenant" freshness={freshness} className="lg:col-span-3">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">No VM is known yet.</p>
      ) : (
        <>
          <DataTable caption="RPO compliance by tenant, worst first">
            <thead>
              <tr>
                <Th>Tenant</Th>
                {rpoGradesWorstFirst.map((g) => (
                  <Th key={g} className="text-right">
                    <span className="inline-flex items-center gap-1">
                      <Icon name={rpoDisplay[g].icon} className="size-3.5" />
                      {rpoDisplay[g].label}
                    </span>
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.tenant ?? ''}>
                  <td className={tdClass}>
                    {row.tenant === null ? (
                      <span className="text-slate-700">Tenant not known</span>
                    ) : (
                      <span className="block max-w-64 truncate font-medium" title={row.tenant}>
                        {row.tenant}
                      </span>
                    )}
                  </td>
                  {rpoGradesWorstFirst.map((g) => {
                    const n = row.counts[g] ?? 0;
                    const query = new URLSearchParams({
                      status: g,
                      ...(row.tenant ? { tenant: row.tenant } : {}),
                    });
                    return (
                      <td key={g} className={`${tdClass} text-right tabular-nums`}>
                        {n === 0 || row.tenant === null ? (
                          <span className={n === 0 ? 'text-slate-500' : 'font-semibold'}>
                            {formatCount(n)}
                          </span>
                        ) : (
                          <Link
                            to={`/rpo?${query.toString()}`}
                            className="font-semibold text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900"
                            aria-label={`${formatCount(n)} ${rpoDisplay[g].label.toLowerCase()} VMs of ${row.tenant}`}
                          >
                            {formatCount(n)}
                          </Link>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </DataTable>
          {rows.length > SHOWN ? (
            <p className="mt-2 text-sm">
              {formatCount(rows.length - SHOWN)} more tenants:{' '}
              <Link to="/rpo" className="font-medium text-sky-900 underline">
                see every VM on the RPO page
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
