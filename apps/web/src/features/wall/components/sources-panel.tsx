import type { Source, SourceHealth } from '@lifeboat/shared';
import { healthDisplay } from '../../../components/status/source-health-badge.tsx';
import { planStateDisplay } from '../../../components/status/plan-state-badge.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { formatCount, plural } from '../../../lib/format.ts';
import { ageNow, answerAge, type DataAge } from '../utils/data-age.ts';
import { iconSize, shownName, typeScale } from './look.ts';
import type { PanelProps } from './panel-props.ts';
import { StateWord, Tile } from './tile.tsx';
import { Waiting } from './waiting.tsx';

/** Two rows of four fit the panel; past that, the healthiest are counted on the last tile. */
const MAX_SOURCE_TILES = 8;
/** Plans that fit their tile (three rows of two). */
const MAX_PLANS = 6;

/** Worst first: failing, then degraded, then stale, then fine, then off. */
function rank(source: Source): number {
  const byHealth: Record<SourceHealth, number> = { down: 4, auth_failed: 4, degraded: 3, ok: 1, disabled: 0 };
  return byHealth[source.status] + (source.stale && source.status === 'ok' ? 1 : 0);
}

function SourceTile({ source, age }: { source: Source; age: DataAge | null }) {
  return (
    <Tile title={source.name} look={healthDisplay[source.status]} age={age}>
      {source.stale && source.status !== 'disabled' ? (
        <p className="flex items-center gap-[0.4vw] font-bold">
          <Icon name="clock" className={iconSize.small} />
          Stale data
        </p>
      ) : null}
      {source.lastError ? <p className="truncate">{source.lastError.message}</p> : null}
    </Tile>
  );
}

/** The sources past the tiles that fit, counted by health. */
function MoreSourcesTile({ sources, age }: { sources: readonly Source[]; age: DataAge | null }) {
  const counts = new Map<SourceHealth, number>();
  for (const s of sources) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return (
    <Tile title={`${formatCount(sources.length)} more sources`} look={null} age={age}>
      <ul className="flex flex-col gap-[0.3vw]">
        {[...counts].map(([status, count]) => (
          <li key={status} className="flex items-center justify-between gap-[1vw]">
            <StateWord
              look={healthDisplay[status]}
              className={typeScale.body}
              iconClassName={iconSize.small}
            />
            <span className="tabular-nums">{formatCount(count)}</span>
          </li>
        ))}
      </ul>
    </Tile>
  );
}

/** Panel 2: each source's health and the age of its data, and the plans not back on production. */
export function SourcesPanel({ data, now, hideNames }: PanelProps) {
  const list = data.sources.data;
  const overview = data.overview.data;
  if (!list && !overview) return <Waiting />;

  const sources = [...(list?.items ?? [])].sort((a, b) => rank(b) - rank(a));
  const overflow = sources.length > MAX_SOURCE_TILES;
  const shown = overflow ? sources.slice(0, MAX_SOURCE_TILES - 1) : sources;
  const sourceAge = (source: Source): DataAge | null =>
    list && source.asOf
      ? { asOf: source.asOf, ageSeconds: ageNow(source.asOf, list.asOf, data.sources.dataUpdatedAt, now) }
      : null;
  const listAge = list ? answerAge({ asOf: list.asOf, sources: [] }, data.sources.dataUpdatedAt, now) : null;
  const plans = overview?.unfinished.plans ?? [];

  return (
    <div className="grid h-full grid-rows-[3fr_2fr] gap-[1vw]">
      <ul aria-label="Sources" className="grid min-h-0 grid-cols-4 grid-rows-2 gap-[1vw]">
        {shown.map((source) => (
          <li key={source.id} className="flex min-h-0 min-w-0 flex-col *:flex-1">
            <SourceTile source={source} age={sourceAge(source)} />
          </li>
        ))}
        {overflow ? (
          <li className="flex min-h-0 min-w-0 flex-col *:flex-1">
            <MoreSourcesTile sources={sources.slice(MAX_SOURCE_TILES - 1)} age={listAge} />
          </li>
        ) : null}
      </ul>

      <Tile
        title="Plans not back on production"
        look={null}
        age={overview ? answerAge(overview, data.overview.dataUpdatedAt, now) : null}
      >
        {!overview ? null : plans.length === 0 ? (
          <p>No plan is failed over, failed back or halted.</p>
        ) : (
          <>
            <ul className="grid grid-cols-2 gap-x-[2vw] gap-y-[0.4vw]">
              {plans.slice(0, MAX_PLANS).map((plan, index) => (
                <li key={plan.id} className="flex min-w-0 items-center gap-[1vw]">
                  <StateWord
                    look={planStateDisplay[plan.state]}
                    className={`shrink-0 whitespace-nowrap ${typeScale.body}`}
                    iconClassName={iconSize.small}
                  />
                  <span className="min-w-0 truncate">{shownName(plan.name, 'Plan', index, hideNames)}</span>
                </li>
              ))}
            </ul>
            {plans.length > MAX_PLANS ? <p>and {plural(plans.length - MAX_PLANS, 'more plan')}</p> : null}
          </>
        )}
      </Tile>
    </div>
  );
}
