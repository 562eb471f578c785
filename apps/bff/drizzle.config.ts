import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes a new migration after a change to src/store/schema.ts.
export default defineConfig({ dialect: 'postgresql', schema: './src/store/schema.ts', out: './drizzle' });
