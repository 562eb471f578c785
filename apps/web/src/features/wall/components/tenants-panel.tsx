import { rpoDisplay } from '../../../components/status/rpo-status-badge.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { formatCount, plural } from '../../../lib/format.ts';
import { answerAge } from '../utils/data-age.ts';
import { rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';
import { worstGrade } from '../utils/worst-grade.ts';
import { iconSize, shownName, typeScale } from './look.ts';
import type { PanelProps } from './panel-props.ts';
import { Tile } from './tile.tsx';
import { Waiting } from './waiting.tsx';

/** Two rows of four fit the panel, with room for all five grades' counts on each tile. */
const MAX_TENANTS = 8;

/** Panel 4: each tenant's VMs by RPO grade, the tenants in the worst shape first (as the BFF sorts them). */
export function TenantsPanel({ data, now, hideNames }: PanelProps) {
  const overview = data.overview.data;
  if (!overview) return <Waiting />;
  const age = answerAge(overview, data.overview.dataUpdatedAt, now);
  const tenants = overview.rpoByTenant;
  const shown = tenants.slice(0, MAX_TENANTS);
  // Neutral labels number the named tenants only ("Tenant not known" is no name).
  let named = 0;
  const titles = shown.map((row) =>
    row.tenant === null ? 'Tenant not known' : shownName(row.tenant, 'Tenant', named++, hideNames),
  );

  if (shown.length === 0) return <p className={typeScale.state}>No VM is known yet.</p>;
  return (
    <div className="flex h-full flex-col gap-[0.6vw]">
      <ul aria-label="Tenants" className="grid min-h-0 flex-1 grid-cols-4 grid-rows-2 gap-[1vw]">
        {shown.map((row, index) => {
          const worst = worstGrade(row.counts);
          return (
            <li key={row.tenant ?? ''} className="flex min-h-0 min-w-0 flex-col *:flex-1">
              <Tile title={titles[index] ?? ''} look={worst ? rpoDisplay[worst] : null} age={age}>
                <ul className="flex flex-wrap gap-x-[1.2vw] gap-y-[0.2vw]">
                  {rpoGradesWorstFirst
                    .filter((grade) => (row.counts[grade] ?? 0) > 0)
                    .map((grade) => (
                      <li key={grade} className="flex items-center gap-[0.3vw]">
                        <Icon name={rpoDisplay[grade].icon} className={iconSize.small} />
                        <span className="font-bold tabular-nums">{formatCount(row.counts[grade] ?? 0)}</span>
                        {rpoDisplay[grade].label.toLowerCase()}
                      </li>
                    ))}
                </ul>
              </Tile>
            </li>
          );
        })}
      </ul>
      {tenants.length > MAX_TENANTS ? (
        <p className={typeScale.small}>
          and {plural(tenants.length - MAX_TENANTS, 'more tenant')}, in better shape
        </p>
      ) : null}
    </div>
  );
}
