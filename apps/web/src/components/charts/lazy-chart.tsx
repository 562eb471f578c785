import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** A chart that failed to load (e.g. an older page after an upgrade) says so instead of breaking the page. */
class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <p className="text-sm text-slate-700">The chart could not be loaded. Reload the page to try again.</p>
    ) : (
      this.props.children
    );
  }
}

/**
 * A feature's chart, fetched with the chart library the first time it is shown, never with the app
 * itself: the initial bundle carries only this wrapper.
 */
export function lazyChart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Chart = lazy(load);
  return function LazyChart(props: P) {
    return (
      <ChartBoundary>
        <Suspense fallback={<p className="text-sm text-slate-700">Loading the chart…</p>}>
          <Chart {...props} />
        </Suspense>
      </ChartBoundary>
    );
  };
}
