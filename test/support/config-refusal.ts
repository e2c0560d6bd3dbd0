import { ConfigError } from '../../src/config/config-error.js';

/** The ConfigError `fn` throws (any other error is thrown on; none fails the test). */
export function configRefusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
