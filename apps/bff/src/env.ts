/**
 * The one place that reads process.env. Secrets are looked up by the name the config gives
 * (`passwordEnv`), so the config file itself never holds one.
 */
export const env = {
  configPath: process.env.LIFEBOAT_CONFIG,
  databaseUrl: process.env.DATABASE_URL,
  host: process.env.HOST,
  port: process.env.PORT,
  logLevel: process.env.LOG_LEVEL ?? 'info',
  secret: (name: string): string | undefined => process.env[name],
};
