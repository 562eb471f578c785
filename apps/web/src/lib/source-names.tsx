import { createContext, useContext, type ReactNode } from 'react';

const SourceNames = createContext<(id: string) => string>((id) => id);

/** Gives every panel below the sources' display names, so no page ever shows a source's internal id. */
export function SourceNamesProvider({
  nameOf,
  children,
}: {
  nameOf: (id: string) => string;
  children: ReactNode;
}) {
  return <SourceNames.Provider value={nameOf}>{children}</SourceNames.Provider>;
}

/** A source's display name by id (its id until the sources are known). */
export function useSourceName(): (id: string) => string {
  return useContext(SourceNames);
}
