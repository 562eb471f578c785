import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './index.css';
import { applyTheme, storedTheme } from './lib/theme.ts';

// Before the first render, so a chosen theme never flashes the other one.
applyTheme(storedTheme(), false);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
