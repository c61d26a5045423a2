import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and applied at start-up on both drivers (postgres.js and PGlite).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
