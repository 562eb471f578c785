/** The newest installed PostgreSQL's bin folder (Debian's layout), or null. */
export declare function findPostgres(): string | null;
/** A new cluster on 127.0.0.1: its superuser URL, and `stop()`, which also removes it. */
export declare function startThrowawayPostgres(): Promise<{ url: string; stop(): void }>;
