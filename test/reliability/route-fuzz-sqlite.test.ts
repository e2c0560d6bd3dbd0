// Every route fuzzed from its own schema on SQLite (see support/route-fuzz.ts).
import { fuzzEveryRoute } from './support/route-fuzz.js';

fuzzEveryRoute('sqlite');
