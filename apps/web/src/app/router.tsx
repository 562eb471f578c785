import { createBrowserRouter } from 'react-router';
import { routes } from './route-config.tsx';

export const router = createBrowserRouter(routes);
