import { rmSync } from 'node:fs';
import { openDatabase } from '../src/store/database.ts';
import { templateDataDir } from './template-db.ts';

export default async function setup() {
  rmSync(templateDataDir, { recursive: true, force: true });
  const db = await openDatabase({ dataDir: templateDataDir });
  await db.close();
}
