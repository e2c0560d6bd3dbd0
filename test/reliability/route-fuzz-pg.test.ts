// Every route fuzzed from its own schema on PostgreSQL (see support/route-fuzz.ts).
import { fuzzEveryRoute } from './support/route-fuzz.js';

fuzzEveryRoute('pg');
