/** One versioned schema change: applied in order, each once. Never edit an applied one. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}
