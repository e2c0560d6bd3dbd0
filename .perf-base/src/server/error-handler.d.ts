import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
export declare function installErrorHandling(app: FastifyInstance, clock: Clock): void;
