/** The reader's theme: their system's (light or dark, following it), or one they chose. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'lifeboat.theme';

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system'; // storage refused (private mode, policy): follow the system
  }
}

/**
 * Applies a choice to the page (themes.css reads `data-theme`) and remembers it. `wall` is the NOC
 * wall's own fixed look: applied, never remembered.
 */
export function applyTheme(choice: ThemeChoice | 'wall', remember = choice !== 'wall'): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  if (!remember) return;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Not remembered; applied for this page all the same.
  }
}
