import { useLocation } from 'react-router';

/** What a list's row links carry in their history state, so the detail's "back" restores the view. */
export interface ListLinkState {
  listSearch: string;
}

/** Back to the list as the user left it (its search params came along in the link's state). */
export function useBackToList(listPath: string): string {
  const location = useLocation();
  const listSearch: unknown = (location.state as Partial<ListLinkState> | null)?.listSearch;
  return typeof listSearch === 'string' && listSearch.startsWith('?') ? `${listPath}${listSearch}` : listPath;
}
